import OutcryModel

/// Report ids encode time: `at × 2^20 + sequence`, so the raw table is clustered by time and a time range is
/// (nearly) an id range, with no index on `at` to maintain.
///
/// A second has 2^20 ids of its own. When they run out (over a million reports stamped with one second), the
/// writer *borrows* the next free ids after that second's range, from the following seconds' ranges, so ids
/// never run out. The database records the furthest any report's id lies past its own second
/// (``borrowedSecondsSetting``, 0 when nothing was ever borrowed): a report at `t` always has an id in
/// `first(t) ..< first(t + 1 + borrowed)`. A query for `from <= at < to` therefore reads the id range
/// ``range(from:to:borrowedSeconds:)`` and also filters on `at` (free when nothing was borrowed: the rows
/// are read anyway). Databases written before borrowing existed have no setting and mean 0.
package enum ReportID {
    /// Bits for the sequence within one second: over a million reports per second before borrowing.
    static let sequenceBits: Int64 = 20
    static let sequenceMask: Int64 = (1 << 20) - 1
    /// Ids a second owns.
    package static let idsPerSecond: Int64 = 1 << 20
    /// Times are clamped to ±2^42 seconds (±139,000 years) before encoding, so no id arithmetic can overflow.
    static let timeLimit: Int64 = 1 << 42
    /// SQLITE_CONSTRAINT_PRIMARYKEY.
    static let primaryKeyConstraint: Int32 = 1555
    /// The `setting` row holding how many seconds past their own second report ids were ever borrowed.
    package static let borrowedSecondsSetting = "report_id_borrowed_seconds"
    /// SQL for the recorded borrow distance (an integer, 0 when never recorded), to use inside a query so it is
    /// read in the same snapshot as the reports.
    package static let borrowedSecondsSQL =
        "(SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM setting WHERE name = '\(borrowedSecondsSetting)')"

    /// The id of a report at `at` with the given sequence number (within `at`'s own range).
    static func make(at: Int64, sequence: Int64) -> Int64 { first(at: at) | (sequence & sequenceMask) }

    /// The smallest id of a report at `at` or later.
    package static func first(at: Int64) -> Int64 { min(max(at, -timeLimit), timeLimit) << sequenceBits }

    /// The second whose own range holds `id`.
    static func second(of id: Int64) -> Int64 { id >> sequenceBits }

    /// The ids to read for reports with `from <= at < to` (filter on `at` too: the range may hold neighbours'
    /// reports when ids were borrowed).
    package static func range(from: Int64, to: Int64, borrowedSeconds: Int64) -> Range<Int64> {
        let lower = first(at: from)
        let upper = first(at: Timestamp(seconds: to).adding(seconds: max(0, borrowedSeconds)).seconds)
        return lower..<max(lower, upper)
    }
}
