/// The range `[from, to)` of a series request with its defaults filled in and its size checked: the one rule
/// behind `outcry series` and `GET /v1/services/{slug}/series`.
package enum SeriesRange {
    /// The range to read: `to` defaults to `defaultEnd`, `from` to a day before `to`.
    ///
    /// - Parameters:
    ///   - bounds: when given (the API's ``QueryTime`` bounds), `defaultEnd` is clamped into them and the default
    ///     `from` does not go below their start.
    /// - Throws: ``SeriesRangeError/empty`` when `from` is not before `to`, ``SeriesRangeError/tooManyBuckets(limit:)``
    ///   when the range holds more than `maximumBuckets` buckets of `bucketSeconds`. Times may come from outside:
    ///   no arithmetic here can overflow.
    package static func resolve(
        from: Timestamp?, to: Timestamp?, defaultEnd: Timestamp, bucketSeconds: Int64, maximumBuckets: Int64,
        bounds: ClosedRange<Timestamp>? = nil
    ) throws(SeriesRangeError) -> (from: Timestamp, to: Timestamp) {
        let end = to ?? bounds.map { min(max(defaultEnd, $0.lowerBound), $0.upperBound) } ?? defaultEnd
        let dayBefore = end.seconds.subtractingReportingOverflow(86_400)
        let earliest = bounds?.lowerBound.seconds ?? Int64.min
        let start = from ?? Timestamp(seconds: dayBefore.overflow ? earliest : max(dayBefore.partialValue, earliest))
        guard start < end else { throw .empty }
        // A span that does not fit in 64 bits is certainly too many buckets.
        let span = end.seconds.subtractingReportingOverflow(start.seconds)
        guard !span.overflow, span.partialValue / max(bucketSeconds, 1) <= maximumBuckets else {
            throw .tooManyBuckets(limit: maximumBuckets)
        }
        return (start, end)
    }
}

/// Why a series range was refused; ``message(from:to:bucket:bucketLabel:)`` words it with each front end's names.
package enum SeriesRangeError: Error, Sendable, Equatable {
    /// `from` is not before `to`.
    case empty
    /// The range would hold more than `limit` buckets.
    case tooManyBuckets(limit: Int64)

    /// The error as a sentence naming the front end's parameters (`from` or `--from`…) and the bucket width.
    package func message(from: String, to: String, bucket: String, bucketLabel: String) -> String {
        switch self {
        case .empty: "\(from) must be before \(to)"
        case .tooManyBuckets(let limit):
            "the range holds more than \(limit) buckets of \(bucketLabel); use a wider \(bucket) or a shorter range"
        }
    }

    /// The parameter at fault: `from` for an empty range, `bucket` for one too long.
    package var isAboutBucket: Bool { self != .empty }
}
