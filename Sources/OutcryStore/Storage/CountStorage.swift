package import OutcryModel

/// Reads of the stored reports and their per-minute counts.
package protocol CountStorage {
    /// Counted reports of one series per bucket of `width`, in `[from, to)`.
    func bucketCounts(service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth)
        throws(StoreError) -> [BucketCount]
    /// Each problem kind's share of one series' counted reports in `[from, to)`.
    func problemShares(service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp) throws(StoreError)
        -> [ProblemShare]
    /// Counted reports per region of one service in `[from, to)`.
    func regionTotals(service: ServiceSlug, from: Timestamp, to: Timestamp) throws(StoreError)
        -> [(region: Region, counted: Int)]
    /// Distinct reporters of one series per bucket of `width`, in `[from, to)`.
    func distinctReporters(service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth)
        throws(StoreError) -> [(start: Timestamp, reporters: Int)]
    /// Calls `body` with each per-minute count in `[fromMinute, toMinute)`, in minute order, without holding
    /// them all in memory.
    func forEachMinuteCount(fromMinute: Int64, toMinute: Int64, _ body: (StoredMinuteCount) throws -> Void)
        throws(StoreError)
    /// The first and last minute that have counts.
    func minuteRange() throws(StoreError) -> ClosedRange<Int64>?
    /// Stored, counted, duplicate and anonymous reports in all.
    func reportTotals() throws(StoreError) -> IngestSummary
}

extension CountStorage {
    /// The per-minute counts of every series in `[fromMinute, toMinute)`, in minute order.
    package func minuteCounts(fromMinute: Int64, toMinute: Int64) throws(StoreError) -> [StoredMinuteCount] {
        var rows: [StoredMinuteCount] = []
        try forEachMinuteCount(fromMinute: fromMinute, toMinute: toMinute) { rows.append($0) }
        return rows
    }
}
