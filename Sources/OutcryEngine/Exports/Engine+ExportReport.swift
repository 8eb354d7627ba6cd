package import OutcryDetection
import OutcryModel
import OutcryStore

extension Engine {
    /// Prepares what `format` shows for `selection`: the selected incidents and group events, and, when the
    /// format needs them, charts (reports per bucket against `detector`'s baseline), service histories and
    /// current levels.
    ///
    /// - Parameter detector: the loaded detector (``loadDetector(settings:)``); nil omits the baseline band
    ///   and the current levels.
    package func exportReport(
        _ selection: IncidentSelection, format: ExportFormat, detector: Detector?
    ) throws(EngineError) -> ExportReport {
        let now = clock.now()
        let incidents: [Incident]
        let events: [GroupEvent]
        // Histories need every incident of the services involved: read those once and select among them in
        // memory (same rules), instead of decoding the selected incidents twice.
        var candidates: [Incident] = []
        if format.showsHistory {
            let members = try groupMembers(of: selection)
            candidates = try store { try $0.incidents(IncidentQuery(service: selection.service, services: members)) }
            let memberSet = members.map(Set.init)
            incidents = candidates.filter { selection.matches($0, groupMembers: memberSet) }
            events = try selectGroupEvents(selection)
        } else {
            (incidents, events) = try selectIncidents(selection)
        }
        if let id = selection.incidentID, incidents.isEmpty {
            throw .invalidArgument("no incident \(id) in the selection")
        }
        let allServices = try store { try $0.services() }
        let withIncidents = Set(incidents.map(\.service))
        let services = allServices.filter { service in
            if format.showsAllServices {
                if let slug = selection.service { return service.slug == slug }
                if let group = selection.group { return service.group == group }
                return true
            }
            return withIncidents.contains(service.slug) || service.slug == selection.service
        }
        let range = ExportRange.resolve(since: selection.since, until: selection.until, incidents: incidents, now: now)
        var report = ExportReport(
            generatedAt: now, since: selection.since, until: selection.until, range: range, incidents: incidents,
            groupEvents: events, services: services
        )
        if format.showsCharts {
            report.charts = try charts(for: report, selection: selection, allServices: allServices, detector: detector)
        }
        if format.showsHistory {
            let byService = Dictionary(grouping: candidates, by: \.service)
            report.histories = services.map { IncidentHistory(service: $0, incidents: byService[$0.slug] ?? [], asOf: now) }
        }
        if format.showsAllServices, let detector {
            var levels: [ServiceSlug: AlertLevel] = [:]
            for status in detector.statuses() {
                levels[status.key.service] = max(levels[status.key.service] ?? .normal, status.level)
            }
            report.currentLevels = levels
        }
        return report
    }

    /// One chart per service with incidents (or the chosen service, or the chosen group's services when
    /// nothing was selected); for `--incident`, the chart of that incident's series.
    private func charts(
        for report: ExportReport, selection: IncidentSelection, allServices: [MonitoredService], detector: Detector?
    ) throws(EngineError) -> [ServiceChart] {
        var chosen = report.services
        if chosen.isEmpty, let group = selection.group { chosen = allServices.filter { $0.group == group } }
        var region = Region.global
        if selection.incidentID != nil, let incident = report.incidents.first {
            region = incident.region
        }
        let byService = Dictionary(grouping: report.incidents, by: \.service)
        var result: [ServiceChart] = []
        for service in chosen {
            result.append(
                try serviceChart(
                    service: service, region: region, from: report.range.from, to: report.range.to,
                    incidents: byService[service.slug] ?? [], detector: detector, asOf: report.generatedAt
                )
            )
        }
        return result
    }
}
