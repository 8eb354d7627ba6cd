/// An instant in UTC with one-second resolution, stored as seconds since 1970-01-01T00:00:00Z.
///
/// Outcry never needs sub-second precision (reports are counted per minute), and an integer keeps
/// bucketing exact. Parsing and formatting are hand-written so they are fast and never depend on a locale.
package struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package var seconds: Int64

    package init(seconds: Int64) { self.seconds = seconds }

    /// The minute since the epoch that contains this instant (floor division, so it is right before 1970 too).
    package var epochMinute: Int64 { floorDiv(seconds, 60) }

    /// The start of the `width`-second bucket that contains this instant; the instant itself for a width
    /// below 1. Saturates at ``Timestamp/distantPast`` when the bucket would begin before the earliest instant.
    package func bucketStart(width: Int64) -> Timestamp {
        guard width > 0 else { return self }
        let start = floorDiv(seconds, width).multipliedReportingOverflow(by: width)
        return start.overflow ? .distantPast : Timestamp(seconds: start.partialValue)
    }

    /// This instant moved by `delta` seconds, saturating at ``Timestamp/distantPast`` and
    /// ``Timestamp/distantFuture``: times parsed from outside (status pages, files, queries) must never make
    /// arithmetic trap.
    package func adding(seconds delta: Int64) -> Timestamp {
        let sum = seconds.addingReportingOverflow(delta)
        guard sum.overflow else { return Timestamp(seconds: sum.partialValue) }
        return delta > 0 ? .distantFuture : .distantPast
    }

    /// This instant moved by `delta` minutes, saturating like ``adding(seconds:)``.
    package func adding(minutes delta: Int64) -> Timestamp {
        let product = delta.multipliedReportingOverflow(by: 60)
        guard product.overflow else { return adding(seconds: product.partialValue) }
        return delta > 0 ? .distantFuture : .distantPast
    }

    /// Seconds from `earlier` to this instant, saturating at `Int64.min` and `Int64.max`.
    package func secondsSince(_ earlier: Timestamp) -> Int64 {
        let difference = seconds.subtractingReportingOverflow(earlier.seconds)
        guard difference.overflow else { return difference.partialValue }
        return seconds > earlier.seconds ? .max : .min
    }

    /// The earliest representable instant (saturated arithmetic stops here).
    package static let distantPast = Timestamp(seconds: .min)
    /// The latest representable instant (saturated arithmetic stops here).
    package static let distantFuture = Timestamp(seconds: .max)

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// ``iso8601`` (see Timestamp+Formatting.swift).
    package var description: String { iso8601 }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self.init(seconds: number)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
        }
        self = parsed
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
