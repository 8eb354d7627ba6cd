import OutcryDetection
import OutcryModel

/// Renders status reports and incident lists as plain text for the terminal.
package enum StatusTextRenderer {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A one-line chart: one block per value, scaled to `maximum`.
    package static func sparkline(_ values: [Double], maximum: Double) -> String {
        guard maximum > 0 else { return String(repeating: blocks[0], count: values.count) }
        return String(
            values.map { value in
                let index = Int((max(0, value) / maximum * Double(blocks.count - 1)).rounded())
                return blocks[min(blocks.count - 1, index)]
            })
    }

    /// `1 h 25 min`, `40 min`.
    package static func duration(seconds: Int64) -> String {
        let minutes = max(0, seconds) / 60
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// The provider's own word, clearly attributed: the linked component's status and its open incidents.
    static func officialLines(_ official: OfficialServiceStatus) -> [String] {
        guard let read = official.source.lastSuccessAt else {
            let reason = official.source.lastError.map { ": \($0)" } ?? ""
            return ["Official status page: not read yet\(reason)"]
        }
        var status = official.componentStatusText ?? "no component status"
        if let name = official.componentName { status = "\(name) \(status)" }
        var lines = ["Official status page (the provider's own word, read \(read.iso8601)): \(status)"]
        for incident in official.openIncidents.prefix(3) {
            lines.append("  • official incident since \(incident.createdAt.iso8601): \(incident.name)")
        }
        if let error = official.source.lastError { lines.append("  (last read failed: \(error); retrying)") }
        return lines
    }

    /// The terminal page of one service.
    ///
    /// Every line goes through ``TerminalText/sanitized(_:)``: official titles, component names and read
    /// errors are remote text, and incident summaries quote official titles.
    package static func render(_ report: ServiceStatusReport) -> String {
        var lines: [String] = []
        let level =
            report.status?.isPossibleFlood == true
            ? (report.status?.isSingleSourceFlood == true
                ? "possible flood (one relay carries the spike)" : "possible flood (few distinct reporters)")
            : report.level.rawValue
        lines.append(
            "\(report.service.name) (\(report.service.slug)) — status as of \(report.asOf.iso8601): \(level.uppercased())"
        )
        lines.append("Unofficial: based on user reports, not confirmed by \(report.service.name).")
        if let status = report.status {
            lines.append(
                "Last 15 min: \(Int(status.observed)) reports, usual \(format(status.baseline)) "
                    + "(\(format(status.ratio))×)"
                    + (status.isBaselineMature ? "" : " — baseline still learning (less than a week of history)")
            )
        } else {
            lines.append("No detection has run for this service yet: run outcry detect.")
        }
        let observed = report.buckets.map { Double($0.reports) }
        let baseline = report.buckets.map { $0.baseline ?? 0 }
        let maximum = max(observed.max() ?? 0, baseline.max() ?? 0)
        if let first = report.buckets.first, let last = report.buckets.last {
            lines.append("")
            lines.append("Reports per 15 minutes, last 24 hours (peak \(Int(observed.max() ?? 0))):")
            lines.append("  reports  " + sparkline(observed, maximum: maximum))
            lines.append("  usual    " + sparkline(baseline, maximum: maximum))
            let width = report.buckets.count
            let left = first.start.hourMinute + " UTC"
            let right = min(last.start.adding(seconds: 900), report.asOf).hourMinute
            lines.append(
                "           " + left + String(repeating: " ", count: max(1, width - left.count - right.count)) + right)
        }
        if let official = report.official { lines.append(contentsOf: officialLines(official)) }
        lines.append("")
        if report.openIncidents.isEmpty {
            lines.append("Open incidents: none")
        } else {
            lines.append("Open incidents:")
            for incident in report.openIncidents { lines.append("  • " + incident.summary) }
        }
        if !report.recentIncidents.isEmpty {
            lines.append("Recent incidents (7 days):")
            for incident in report.recentIncidents.prefix(5) { lines.append("  • " + incident.summary) }
        }
        if !report.topProblems.isEmpty {
            lines.append("")
            lines.append(
                "Top problems: "
                    + report.topProblems.prefix(4).map { "\($0.problem.rawValue) \(Int(($0.share * 100).rounded()))%" }
                    .joined(separator: ", ")
            )
        }
        let affected = report.regions.prefix(5)
        if !affected.isEmpty {
            lines.append("Regions (last 15 min against their own baseline):")
            for region in affected {
                lines.append(
                    "  \(region.region.code.padding(6))\(region.level.rawValue.padding(9))"
                        + "\(Int(region.observed)) reports, usual \(format(region.baseline)) (\(format(region.ratio))×)"
                        + (region.isPossibleFlood ? ", possible flood" : "")
                )
            }
        }
        return lines.map { TerminalText.sanitized($0) }.joined(separator: "\n") + "\n"
    }

    /// A compact number: `12`, `3.4`, `0.25`.
    package static func format(_ value: Double) -> String {
        if value >= 100 || value == value.rounded() { return String(Int(value.rounded())) }
        if value >= 10 { return String(Int(value.rounded())) }
        let scaled = (value * 10).rounded() / 10
        return scaled == 0 && value > 0 ? String((value * 100).rounded() / 100) : String(scaled)
    }
}

extension String {
    /// Pads with spaces to at least `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
