package import OutcryModel

/// Stores batches of validated reports: the raw rows, the per-minute counts and the duplicate rule, all in one
/// transaction per call. Every method returns only after COMMIT, so a caller may acknowledge the reports as
/// durable.
package protocol ReportSink: AnyObject {
    /// Stores `reports` in one transaction and returns how each was classified, in order.
    ///
    /// `hashes`, when given, are the reporters' hashes computed beforehand (see ``ReporterHasher``), one per
    /// report (nil for anonymous ones); otherwise the writer hashes them.
    /// - Throws: ``StoreError/unknownService(_:)`` if a report names a service that is not (or no longer)
    ///   monitored; nothing of the batch is stored then.
    @discardableResult
    func write(_ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp) throws(StoreError)
        -> [ReportClassification]

    /// Stores `reports` in one transaction; returns the totals.
    func writeSummarised(_ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp) throws(StoreError)
        -> IngestSummary

    /// Stores several requests' reports in one transaction (a group commit): a request whose reports fail gets
    /// its own error and the others are committed.
    /// - Returns: for each request, in order, its reports' classifications or the error that refused it.
    /// - Throws: when the database itself fails (full, read-only, unreachable): nothing of the group is stored.
    func writeGroup(_ requests: [GroupedReports], receivedAt: Timestamp) throws(StoreError)
        -> [Result<[ReportClassification], StoreError>]
}

extension ReportSink {
    /// Stores `reports`, hashing their reporters here.
    @discardableResult
    package func write(_ reports: [Report], receivedAt: Timestamp) throws(StoreError) -> [ReportClassification] {
        try write(reports, hashes: nil, receivedAt: receivedAt)
    }

    /// Stores `reports`, hashing their reporters here; returns the totals.
    package func writeSummarised(_ reports: [Report], receivedAt: Timestamp) throws(StoreError) -> IngestSummary {
        try writeSummarised(reports, hashes: nil, receivedAt: receivedAt)
    }
}
