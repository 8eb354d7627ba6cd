import OutcryModel

/// The content of the Markdown and HTML reports: title and range, the unofficial disclaimer, a summary table
/// (with what the official status page said), charts (HTML), then per incident its summary sentence, the
/// official status page's word (when the service has one), timeline, problems, regions and history line, and
/// per service its history statistics.
enum ReportOutline {
    /// The report's title: `Outcry incident report: 5 Mar 2024 12:00 – 18:00 UTC`.
    static func title(_ report: ExportReport) -> String { "Outcry incident report: \(report.range.text)" }

    /// Hands the report's blocks to `emit` one at a time, in order, so a report on thousands of incidents is
    /// never held whole.
    ///
    /// - Parameter chartCount: how many charts to place (HTML), 0 to leave them out (Markdown).
    static func forEachBlock(_ report: ExportReport, chartCount: Int, _ emit: (ReportBlock) -> Void) {
        let services = report.servicesBySlug
        emit(.heading(1, title(report)))
        emit(.notice(IncidentExportDocument.disclaimer))
        emit(
            .paragraph(
                "Generated \(ExportText.dateTime(report.generatedAt)). \(countText(report.incidents.count)) "
                    + "overlapping the range. Times are in UTC."
            )
        )
        emit(.heading(2, "Summary"))
        if report.incidents.isEmpty {
            emit(.paragraph("No incidents in this range: user reports stayed within the usual range."))
        } else {
            emit(.incidentTable(report.incidents))
        }
        if chartCount > 0 {
            emit(.heading(2, "Reports against the usual level"))
            for index in 0..<chartCount { emit(.chart(index)) }
        }
        if !report.groupEvents.isEmpty {
            emit(.heading(2, "Related services failing together"))
            emit(.list(report.groupEvents.map(\.summary)))
        }
        if !report.incidents.isEmpty {
            emit(.heading(2, "Incidents"))
            let histories = report.historiesBySlug
            for index in report.incidents.indices {
                let history = histories[report.incidents[index].service]
                for block in incidentBlocks(
                    report.incidents[index], report: report, services: services, history: history)
                {
                    emit(block)
                }
            }
        }
        if !report.histories.isEmpty {
            emit(.heading(2, "History"))
            emit(
                .paragraph(
                    "Overlapping incidents of a service (the whole service and its regions) count as one incident. "
                        + "Mean time between incidents is measured from onset to onset."
                )
            )
            for history in report.histories {
                emit(.heading(3, "\(history.service.name) (\(history.service.slug))"))
                emit(.facts(history.statistics))
                // Years exist exactly when episodes do (computing them is not free).
                if !history.episodes.isEmpty {
                    emit(
                        .table(
                            headers: IncidentHistory.yearTableHeaders, rows: history.yearTableRows,
                            numeric: Set(1..<IncidentHistory.yearTableHeaders.count)
                        )
                    )
                }
            }
        }
    }

    static func countText(_ count: Int) -> String {
        count == 1 ? "1 incident (unofficial)" : "\(count) incidents (unofficial)"
    }

    /// The summary table's headers; ``summaryRow(_:services:)`` gives a row per incident.
    static let summaryHeaders = [
        "Service", "Region", "Level", "Status", "Onset", "Duration", "Peak / usual (15 min)", "Top problem", "Official",
    ]

    /// The right-aligned columns of the summary table.
    static let summaryNumericColumns: Set<Int> = [6]

    /// One incident's row of the summary table.
    static func summaryRow(_ incident: Incident, services: [ServiceSlug: MonitoredService]) -> [String] {
        [
            ExportText.name(of: incident.service, in: services), incident.region.code, incident.level.rawValue,
            incident.status.rawValue + (incident.expected ? " (expected)" : ""),
            ExportText.dateTime(incident.startedAt),
            incident.endedAt.map { ExportText.duration(seconds: $0.seconds - incident.startedAt.seconds) } ?? "ongoing",
            "\(incident.peakReports) / \(ExportText.decimal(incident.baselineReports, places: 1))",
            incident.topProblems.first.map { "\($0.problem.rawValue) \(ExportText.percent($0.share))" } ?? "–",
            OfficialStatusText.cell(incident.official),
        ]
    }

    static func incidentBlocks(
        _ incident: Incident, report: ExportReport, services: [ServiceSlug: MonitoredService], history: IncidentHistory?
    ) -> [ReportBlock] {
        let name = ExportText.name(of: incident.service, in: services)
        let place = incident.region.isGlobal ? "whole service" : incident.region.code
        var blocks: [ReportBlock] = [
            .heading(
                3, "\(name) — \(place), \(incident.status == .open ? "ongoing" : "resolved")", anchor: incident.id),
            .paragraph(incident.summary),
        ]
        if incident.expected { blocks.append(.paragraph(expectedLine(incident))) }
        if let official = OfficialStatusText.line(for: incident) { blocks.append(.paragraph(official)) }
        blocks.append(.facts(timeline(incident, asOf: report.generatedAt)))
        if !incident.topProblems.isEmpty {
            blocks.append(
                .table(
                    headers: ["Problem", "Share of reports"],
                    rows: incident.topProblems.map { [$0.problem.rawValue, ExportText.percent($0.share)] }, numeric: [1]
                )
            )
        }
        var facts: [(label: String, value: String)] = [
            (
                "Regions",
                incident.regions.isEmpty ? incident.region.code : incident.regions.map(\.code).joined(separator: ", ")
            ),
            ("Scope", incident.scope.rawValue),
            (
                "Reports",
                "\(incident.totalReports) in total, \(incident.excessReports) above the usual level; "
                    + "problem mix shift \(ExportText.percent(incident.problemMixShift))"
            ),
        ]
        if let line = history?.line(for: incident) { facts.append(("History", line)) }
        facts.append(("Id", incident.id))
        blocks.append(.facts(facts))
        return blocks
    }

    /// `Expected: planned test — detected in a quiet window; no alert was sent.`
    static func expectedLine(_ incident: Incident) -> String {
        let reason = incident.expectedReason.map { $0.isEmpty ? "" : " \($0)" } ?? ""
        return "Expected:\(reason) — detected in a quiet window; no alert was sent."
    }

    /// Onset → detected → peak → recovery, each with its delay after onset.
    static func timeline(_ incident: Incident, asOf: Timestamp) -> [(label: String, value: String)] {
        func after(_ time: Timestamp) -> String {
            "\(ExportText.dateTime(time)) (+\(ExportText.duration(seconds: time.seconds - incident.startedAt.seconds)))"
        }
        var rows: [(label: String, value: String)] = [
            ("Onset", ExportText.dateTime(incident.startedAt)),
            ("Detected", after(incident.detectedAt)),
            (
                "Peak",
                after(incident.peakAt) + " — \(incident.peakReports) reports per 15 min, usual "
                    + "\(ExportText.decimal(incident.baselineReports, places: 1)) (\(ExportText.times(incident.ratio)))"
            ),
        ]
        if let end = incident.endedAt {
            rows.append(("Recovery", after(end)))
            rows.append(("Duration", ExportText.duration(seconds: end.seconds - incident.startedAt.seconds)))
        } else {
            rows.append(
                (
                    "Recovery",
                    "not yet (ongoing for \(ExportText.duration(seconds: asOf.seconds - incident.startedAt.seconds)))"
                ))
        }
        return rows
    }
}
