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
        var (report, plan) = try exportReportWithoutCharts(selection, format: format, detector: detector)
        if let plan {
            var charts: [ServiceChart] = []
            for index in plan.services.indices {
                charts.append(try chart(index, of: plan, report: report, detector: detector))
            }
            report.charts = charts
        }
        return report
    }

    /// Prepares and renders an export in one pass, making each chart just before it is drawn, so the charts of
    /// a thousand services never sit in memory together. The text is the same as rendering
    /// ``exportReport(_:format:detector:)``.
    ///
    /// - Returns: the report rendered (without its charts).
    package func export(
        _ selection: IncidentSelection, format: ExportFormat, detector: Detector?,
        statuspage: StatuspageSettings = StatuspageSettings(), to out: inout ExportOutput
    ) throws -> ExportReport {
        let (report, plan) = try exportReportWithoutCharts(selection, format: format, detector: detector)
        guard let plan else {
            try ExportRenderer.render(report, as: format, statuspage: statuspage, to: &out)
            return report
        }
        var failure: EngineError?
        try ExportRenderer.render(
            report, as: format, statuspage: statuspage, chartCount: plan.services.count,
            chart: { index in
                guard failure == nil else { return nil }
                do throws(EngineError) {
                    return try chart(index, of: plan, report: report, detector: detector)
                } catch {
                    failure = error
                    return nil
                }
            },
            to: &out
        )
        if let failure { throw failure }
        return report
    }

    /// What a report's charts are drawn from: one per service, in order, with the indices of its incidents.
    struct ChartPlan {
        var services: [MonitoredService]
        var region: Region
        var incidentIndices: [ServiceSlug: [Int]]
    }

    /// The report without charts, and the plan to make them when the format shows charts.
    private func exportReportWithoutCharts(
        _ selection: IncidentSelection, format: ExportFormat, detector: Detector?
    ) throws(EngineError) -> (ExportReport, ChartPlan?) {
        let now = clock.now()
        let incidents: [Incident]
        let events: [GroupEvent]
        // Histories need every incident of the services involved: read those once and select among them in
        // memory (same rules), instead of decoding the selected incidents twice.
        var candidates: [Incident] = []
        if format.showsHistory {
            let members = try groupMembers(of: selection)
            candidates = try store { try $0.incidents(IncidentQuery(service: selection.service, services: members)) }
            try attachOfficial(to: &candidates)
            let memberSet = members.map(Set.init)
            // When every candidate is selected (a whole range), share one array instead of holding two.
            let isSelected = { (incident: Incident) in selection.matches(incident, groupMembers: memberSet) }
            incidents = candidates.allSatisfy(isSelected) ? candidates : candidates.filter(isSelected)
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
        if format.showsHistory {
            var byService: [ServiceSlug: [Int]] = [:]
            for index in candidates.indices { byService[candidates[index].service, default: []].append(index) }
            report.histories = services.map { service in
                let own = (byService[service.slug] ?? []).map { candidates[$0] }
                return IncidentHistory(service: service, incidents: own, asOf: now)
            }
        }
        candidates = []
        if format.showsAllServices, let detector {
            var levels: [ServiceSlug: AlertLevel] = [:]
            for status in detector.statuses() {
                levels[status.key.service] = max(levels[status.key.service] ?? .normal, status.level)
            }
            report.currentLevels = levels
        }
        let plan = format.showsCharts ? chartPlan(for: report, selection: selection, allServices: allServices) : nil
        return (report, plan)
    }

    /// One chart per service with incidents (or the chosen service, or the chosen group's services when
    /// nothing was selected); for `--incident`, the chart of that incident's series.
    private func chartPlan(
        for report: ExportReport, selection: IncidentSelection, allServices: [MonitoredService]
    ) -> ChartPlan {
        var chosen = report.services
        if chosen.isEmpty, let group = selection.group { chosen = allServices.filter { $0.group == group } }
        var region = Region.global
        if selection.incidentID != nil, let incident = report.incidents.first {
            region = incident.region
        }
        var indices: [ServiceSlug: [Int]] = [:]
        for index in report.incidents.indices { indices[report.incidents[index].service, default: []].append(index) }
        return ChartPlan(services: chosen, region: region, incidentIndices: indices)
    }

    /// The chart at `index` of `plan`.
    private func chart(
        _ index: Int, of plan: ChartPlan, report: ExportReport, detector: Detector?
    ) throws(EngineError) -> ServiceChart {
        let service = plan.services[index]
        let incidents = (plan.incidentIndices[service.slug] ?? []).map { report.incidents[$0] }
        return try serviceChart(
            service: service, region: plan.region, from: report.range.from, to: report.range.to, incidents: incidents,
            detector: detector, asOf: report.generatedAt
        )
    }
}
