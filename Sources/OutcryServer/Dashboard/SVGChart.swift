import Foundation
import OutcryModel

/// Inline SVG charts: a sparkline for the overview and the 24-hour chart of reports against the baseline.
enum SVGChart {
    /// A small area sparkline of `values` (oldest first), coloured by level.
    static func sparkline(_ values: [Int], level: AlertLevel, width: Int = 268, height: Int = 40) -> String {
        guard !values.isEmpty else { return "" }
        let maximum = max(1, values.max() ?? 1)
        let step = Double(width) / Double(max(1, values.count - 1))
        var points: [String] = []
        for (index, value) in values.enumerated() {
            let x = Double(index) * step
            let y = Double(height - 2) - Double(value) / Double(maximum) * Double(height - 4)
            points.append("\(format(x)),\(format(y))")
        }
        let colour = colour(for: level)
        let line = points.joined(separator: " ")
        let area = "0,\(height) " + line + " \(width),\(height)"
        return """
            <svg width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-label="reports over the last 24 hours">\
            <polygon points="\(area)" fill="\(colour)" fill-opacity="0.15"/>\
            <polyline points="\(line)" fill="none" stroke="\(colour)" stroke-width="1.5"/></svg>
            """
    }

    /// Bars of reports per 15 minutes with the expected baseline as a line, over the last 24 hours.
    static func dayChart(buckets: [(start: Timestamp, reports: Int, baseline: Double?)], width: Int = 1000, height: Int = 240)
        -> String
    {
        guard !buckets.isEmpty else { return "<p class=\"muted\">No reports yet.</p>" }
        let left = 44.0
        let bottom = 22.0
        let top = 8.0
        let plotWidth = Double(width) - left - 8
        let plotHeight = Double(height) - bottom - top
        let peak = buckets.map { max(Double($0.reports), $0.baseline ?? 0) }.max() ?? 1
        let maximum = niceCeiling(max(peak, 4))
        let slot = plotWidth / Double(buckets.count)
        var svg = """
            <svg width="100%" viewBox="0 0 \(width) \(height)" role="img" aria-label="reports per 15 minutes against the baseline">
            """
        for fraction in [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] {
            let y = top + plotHeight * (1 - fraction)
            svg += "<line x1=\"\(format(left))\" y1=\"\(format(y))\" x2=\"\(width - 8)\" y2=\"\(format(y))\" stroke=\"#e3e7ec\"/>"
            svg += "<text x=\"\(format(left - 6))\" y=\"\(format(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6b7a\">\(Int((maximum * fraction).rounded()))</text>"
        }
        for (index, bucket) in buckets.enumerated() {
            let barHeight = Double(bucket.reports) / maximum * plotHeight
            let x = left + Double(index) * slot + slot * 0.12
            let above = (bucket.baseline.map { Double(bucket.reports) > max(2 * $0, $0 + 10) } ?? false)
            svg += "<rect x=\"\(format(x))\" y=\"\(format(top + plotHeight - barHeight))\" width=\"\(format(slot * 0.76))\" height=\"\(format(barHeight))\" fill=\"\(above ? "#d6336c" : "#4c6ef5")\"><title>\(bucket.start.iso8601): \(bucket.reports) reports</title></rect>"
            let civil = CivilTime(bucket.start)
            if civil.minute == 0 && civil.hour % 3 == 0 {
                let label = civil.hourMinute
                svg += "<text x=\"\(format(left + Double(index) * slot))\" y=\"\(height - 6)\" font-size=\"11\" fill=\"#5f6b7a\">\(label)</text>"
            }
        }
        var baselinePoints: [String] = []
        for (index, bucket) in buckets.enumerated() {
            guard let baseline = bucket.baseline else { continue }
            let x = left + (Double(index) + 0.5) * slot
            let y = top + plotHeight - min(baseline, maximum) / maximum * plotHeight
            baselinePoints.append("\(format(x)),\(format(y))")
        }
        if baselinePoints.count > 1 {
            svg += "<polyline points=\"\(baselinePoints.joined(separator: " "))\" fill=\"none\" stroke=\"#868e96\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        }
        svg += "</svg>"
        return svg
    }

    static func colour(for level: AlertLevel) -> String {
        switch level {
        case .normal: "#2f9e44"
        case .possible: "#e8a200"
        case .likely: "#d6336c"
        }
    }

    private static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
