package import OutcryDetection
package import OutcryModel
package import OutcryStore

/// What `outcry series` and `GET /v1/services/{slug}/series` ask for.
package struct SeriesRequest: Sendable {
    package var service: ServiceSlug
    package var region: Region
    /// Start of the range; nil means one day before ``to``.
    package var from: Timestamp?
    /// End of the range, exclusive; nil means the caller's `defaultEnd`.
    package var to: Timestamp?
    package var width: BucketWidth
    /// The most buckets one request may produce (the API allows fewer than the CLI).
    package var maximumBuckets: Int64

    package init(
        service: ServiceSlug, region: Region = .global, from: Timestamp? = nil, to: Timestamp? = nil,
        width: BucketWidth = .fifteenMinutes, maximumBuckets: Int64
    ) {
        self.service = service
        self.region = region
        self.from = from
        self.to = to
        self.width = width
        self.maximumBuckets = maximumBuckets
    }
}

/// Report counts per bucket of one series, with the detector's baseline per bucket when known: the document
/// of `outcry series --json` and of the API's series endpoint.
package struct SeriesReport: Encodable, Sendable {
    package struct Bucket: Encodable, Sendable, Equatable {
        package var start: Timestamp
        package var counted: Int
        package var duplicates: Int
        package var anonymous: Int
        /// Expected counted reports in this bucket (rounded to 0.01); nil before the detector knows the series.
        package var baseline: Double?
    }

    package var service: String
    package var region: String
    package var bucket: String
    package var from: Timestamp
    package var to: Timestamp
    package var label = Incident.unofficialLabel
    package var buckets: [Bucket]
}

extension SeriesRequest {
    /// The range to show: `[from, to)` with the defaults filled in (`to` = `defaultEnd`, `from` = a day earlier).
    /// See ``SeriesRange/resolve(from:to:defaultEnd:bucketSeconds:maximumBuckets:bounds:)``.
    package func resolvedRange(defaultEnd: Timestamp) throws(SeriesRangeError) -> (from: Timestamp, to: Timestamp) {
        try SeriesRange.resolve(
            from: from, to: to, defaultEnd: defaultEnd, bucketSeconds: width.rawValue, maximumBuckets: maximumBuckets)
    }
}

extension BucketWidth {
    /// The stored width of a series bucket: every width a request may name is stored.
    package init(_ bucket: SeriesBucket) {
        switch bucket {
        case .oneMinute: self = .oneMinute
        case .fiveMinutes: self = .fiveMinutes
        case .fifteenMinutes: self = .fifteenMinutes
        case .oneHour: self = .oneHour
        }
    }
}

extension Engine {
    /// Counts per bucket of `request`'s series over `[from, to)` (see ``SeriesRequest/resolvedRange(defaultEnd:)``),
    /// each with the baseline `detector` expects for it.
    ///
    /// - Throws: ``EngineError/store(_:)`` with ``StoreError/unknownService(_:)`` for an unmonitored service.
    package func seriesReport(
        _ request: SeriesRequest, from: Timestamp, to: Timestamp, detector: Detector?
    ) throws(EngineError) -> SeriesReport {
        guard try store({ try $0.service(request.service) }) != nil else {
            throw .store(.unknownService(request.service.rawValue))
        }
        let counts = try store {
            try $0.bucketCounts(
                service: request.service, region: request.region, from: from, to: to, width: request.width)
        }
        let key = SeriesKey(service: request.service, region: request.region)
        // The detector's expectation is per 15 minutes; scale it to the bucket width.
        let scale = Double(request.width.rawValue) / 900
        return SeriesReport(
            service: request.service.rawValue, region: request.region.code, bucket: request.width.label, from: from,
            to: to,
            buckets: counts.map { count in
                SeriesReport.Bucket(
                    start: count.start, counted: count.counted, duplicates: count.duplicates,
                    anonymous: count.anonymous,
                    baseline: detector?.expectedReports(for: key, windowEndingAt: count.start.adding(seconds: 900))
                        .map { ($0 * scale * 100).rounded() / 100 }
                )
            }
        )
    }
}
