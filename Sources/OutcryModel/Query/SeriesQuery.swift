/// The query of `GET /v1/services/{slug}/series`: `region`, `bucket`, `from`, `to`.
package struct SeriesQuery: Sendable, Equatable {
    /// The most buckets one API request may produce.
    package static let maximumBuckets: Int64 = 10_000

    /// `global` (the default) or an ISO 3166 region.
    package var region: Region = .global
    package var bucket: SeriesBucket = .fifteenMinutes
    /// Start of the range; nil means a day before ``to``.
    package var from: Timestamp?
    /// End of the range, exclusive; nil means the caller's default end (the detector's last tick).
    package var to: Timestamp?

    package init(
        region: Region = .global, bucket: SeriesBucket = .fifteenMinutes, from: Timestamp? = nil, to: Timestamp? = nil
    ) {
        self.region = region
        self.bucket = bucket
        self.from = from
        self.to = to
    }

    /// Parses and checks the parameters (a range given in full is checked here; see ``range(defaultEnd:)``).
    package static func parse(_ parameters: QueryParameters) throws(QueryParameterError) -> SeriesQuery {
        var query = SeriesQuery()
        if let text = try parameters.value("region") {
            query.region = try QueryRegion.parse(text)
        }
        if let text = try parameters.value("bucket") {
            query.bucket = try SeriesBucket.parse(text, field: "bucket")
        }
        query.from = try QueryTime.parse("from", in: parameters)
        query.to = try QueryTime.parse("to", in: parameters)
        if query.from != nil, query.to != nil { _ = try query.range(defaultEnd: QueryTime.latest) }
        return query
    }

    /// The range to read, `[from, to)`, with the defaults filled in: `to` = `defaultEnd` (clamped to
    /// ``QueryTime`` bounds), `from` = a day before `to`.
    /// - Throws: when `from` is not before `to`, or the range holds more than ``maximumBuckets`` buckets.
    package func range(defaultEnd: Timestamp) throws(QueryParameterError) -> (from: Timestamp, to: Timestamp) {
        do {
            return try SeriesRange.resolve(
                from: from, to: to, defaultEnd: defaultEnd, bucketSeconds: bucket.seconds,
                maximumBuckets: Self.maximumBuckets, bounds: QueryTime.earliest...QueryTime.latest)
        } catch {
            throw QueryParameterError(
                field: error.isAboutBucket ? "bucket" : "from",
                message: error.message(from: "from", to: "to", bucket: "bucket", bucketLabel: bucket.label))
        }
    }
}

/// Region parameters (`region`): `global` or an ISO 3166 code, as the report validator reads them.
package enum QueryRegion {
    /// Parses `text` as the parameter `region`.
    package static func parse(_ text: String) throws(QueryParameterError) -> Region {
        guard text.utf8.count <= 16 else {
            throw QueryParameterError(
                field: "region",
                message: "region \(quoted(text)) is not allowed; use global or an ISO 3166 code such as US or US-CA")
        }
        do {
            return try Region.parseAllowingGlobal(text)
        } catch {
            throw QueryParameterError(field: "region", message: error.description)
        }
    }
}
