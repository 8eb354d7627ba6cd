package import OutcryModel

/// `outcry export --format csv`: one RFC 4180 record per incident under a fixed header, CRLF line ends,
/// UTF-8 without BOM. Times are ISO 8601 UTC; `ended_at` and `duration_minutes` are empty while open; the
/// `label` column says `unofficial` on every row. The `official_*` columns say what the service's status page
/// said (``OfficialAcknowledgement``); all empty when the service has no linked status page. `expected` is
/// `true` for an incident detected in a quiet window (with its reason in `expected_reason`), else `false`.
package enum IncidentCSVRenderer {
    /// The columns, in order: a stable interface like the JSON keys (new columns are only ever appended).
    package static let columns = [
        "id", "service", "group", "region", "scope", "level", "status", "detected_at", "started_at", "peak_at",
        "ended_at", "duration_minutes", "peak_reports", "baseline_reports", "ratio", "total_reports",
        "excess_reports", "top_problem", "top_problem_share", "label", "official_status", "official_acknowledged_at",
        "official_lead_minutes", "official_title", "official_url", "expected", "expected_reason",
    ]

    /// The CSV text of the report's incidents.
    package static func render(_ report: ExportReport) -> String {
        render(report.incidents, services: report.servicesBySlug)
    }

    /// The CSV text of `incidents`; `services` gives their groups.
    package static func render(_ incidents: [Incident], services: [ServiceSlug: MonitoredService]) -> String {
        var out = ExportOutput()
        render(incidents, services: services, to: &out)
        return (try? out.finish()) ?? ""
    }

    /// Streams the report's CSV into `out`.
    package static func render(_ report: ExportReport, to out: inout ExportOutput) {
        render(report.incidents, services: report.servicesBySlug, to: &out)
    }

    /// Streams the CSV of `incidents` into `out`; `services` gives their groups.
    package static func render(
        _ incidents: [Incident], services: [ServiceSlug: MonitoredService], to out: inout ExportOutput
    ) {
        CSVEncoder.append(columns, to: &out)
        for index in incidents.indices {
            let incident = incidents[index]
            let top = incident.topProblems.first
            let official = incident.official
            var record = CSVEncoder.Record()
            record.text(incident.id, &out)
            record.text(incident.service.rawValue, &out)
            record.text(services[incident.service]?.group ?? "", &out)
            record.text(incident.region.code, &out)
            record.text(incident.scope.rawValue, &out)
            record.text(incident.level.rawValue, &out)
            record.text(incident.status.rawValue, &out)
            record.time(incident.detectedAt, &out)
            record.time(incident.startedAt, &out)
            record.time(incident.peakAt, &out)
            record.time(incident.endedAt, &out)
            record.int(incident.endedAt.map { Int(($0.seconds - incident.startedAt.seconds) / 60) }, &out)
            record.int(incident.peakReports, &out)
            record.decimal(incident.baselineReports, places: 2, &out)
            record.decimal(incident.ratio, places: 2, &out)
            record.int(incident.totalReports, &out)
            record.int(incident.excessReports, &out)
            record.text(top?.problem.rawValue ?? "", &out)
            record.decimal(top?.share, places: 3, &out)
            record.text(incident.label, &out)
            record.text(official?.status.rawValue ?? "", &out)
            record.time(official?.acknowledgedAt, &out)
            record.int(official?.leadMinutes, &out)
            record.text(official?.title ?? "", &out)
            record.text(official?.url ?? "", &out)
            record.text(incident.expected ? "true" : "false", &out)
            record.text(incident.expected ? incident.expectedReason ?? "" : "", &out)
            record.end(&out)
        }
    }
}
