package import OutcryModel

extension SVGChartRenderer {
    /// A small area sparkline of `values` (oldest first) in the colour of `level`, for the dashboard's overview:
    /// an inline `<svg>` element without axes or text; empty for no values.
    package static func sparkline(_ values: [Int], level: AlertLevel, width: Int = 268, height: Int = 40) -> String {
        guard !values.isEmpty else { return "" }
        let maximum = Double(max(1, values.max() ?? 1))
        let step = Double(width) / Double(max(1, values.count - 1))
        let line = values.enumerated().map { index, value in
            "\(n(Double(index) * step)),\(n(Double(height - 2) - Double(value) / maximum * Double(height - 4)))"
        }.joined(separator: " ")
        let colour = levelColour(level)
        return "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"reports over the last 24 hours\">"
            + "<polygon points=\"0,\(height) \(line) \(width),\(height)\" fill=\"\(colour)\" fill-opacity=\"0.15\"/>"
            + "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"/></svg>"
    }

    /// The colour of a level, as the dashboard's level badges show it.
    package static func levelColour(_ level: AlertLevel) -> String {
        switch level {
        case .normal: "#2f9e44"
        case .possible: "#e8a200"
        case .likely: "#d6336c"
        }
    }
}
