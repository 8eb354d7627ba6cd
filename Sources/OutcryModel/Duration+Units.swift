// The one conversion of a `Duration` into plain numbers and text. Metrics, timeouts, deadlines and logs all use
// these; nothing else in the package reads `Duration.components`.

extension Duration {
    /// The duration in whole nanoseconds, truncated towards zero and saturating at `Int64.min` / `Int64.max`
    /// (a timeout of `.seconds(Int64.max)` must not trap).
    package var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let fraction = attoseconds / 1_000_000_000
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, sumOverflow) = scaled.addingReportingOverflow(fraction)
        guard !sumOverflow else { return fraction < 0 ? .min : .max }
        return total
    }

    /// The duration in seconds, with the fraction (logs, measured times).
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `200 ms`, `10 s`: whole seconds when the duration is a whole number of seconds, else milliseconds.
    package var humanReadable: String {
        let milliseconds = wholeNanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
