package import OutcryModel

/// `outcry export --format csv`: one RFC 4180 record per incident under a fixed header, CRLF line ends,
/// UTF-8 without BOM. Times are ISO 8601 UTC; `ended_at` and `duration_minutes` are empty while open; the
/// `label` column says `unofficial` on every row. The `official_*` columns say what the service's status page
/// said (``OfficialAcknowledgement``); all empty when the service has no linked status page.
package enum IncidentCSVRenderer {
    /// The columns, in order: a stable interface like the JSON keys (new columns are only ever appended).
    package static let columns = [
        "id", "service", "group", "region", "scope", "level", "status", "detected_at", "started_at", "peak_at",
        "ended_at", "duration_minutes", "peak_reports", "baseline_reports", "ratio", "total_reports",
        "excess_reports", "top_problem", "top_problem_share", "label", "official_status", "official_acknowledged_at",
        "official_lead_minutes", "official_title", "official_url",
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
        for incident in incidents {
            let duration = incident.endedAt.map { String(($0.seconds - incident.startedAt.seconds) / 60) } ?? ""
            let top = incident.topProblems.first
            let official = incident.official
            CSVEncoder.append(
                [
                    incident.id, incident.service.rawValue, services[incident.service]?.group ?? "", incident.region.code,
                    incident.scope.rawValue, incident.level.rawValue, incident.status.rawValue,
                    incident.detectedAt.iso8601, incident.startedAt.iso8601, incident.peakAt.iso8601,
                    incident.endedAt?.iso8601 ?? "", duration, String(incident.peakReports),
                    ExportText.decimal(incident.baselineReports), ExportText.decimal(incident.ratio),
                    String(incident.totalReports), String(incident.excessReports), top?.problem.rawValue ?? "",
                    top.map { ExportText.decimal($0.share, places: 3) } ?? "", incident.label,
                    official?.status.rawValue ?? "", official?.acknowledgedAt?.iso8601 ?? "",
                    official?.leadMinutes.map { String($0) } ?? "", official?.title ?? "", official?.url ?? "",
                ],
                to: &out
            )
        }
    }
}
