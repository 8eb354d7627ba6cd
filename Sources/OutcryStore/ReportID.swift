/// Report ids encode time: `at × 2^20 + sequence`. Ids ascend with `at`, so the raw table is clustered by time
/// and a time range is an id range, with no index on `at` to maintain.
package enum ReportID {
    /// Bits for the sequence within one second: over a million reports per second per database.
    static let sequenceBits: Int64 = 20
    static let sequenceMask: Int64 = (1 << 20) - 1
    /// SQLITE_CONSTRAINT_PRIMARYKEY.
    static let primaryKeyConstraint: Int32 = 1555

    /// The id of a report at `at` with the given sequence number.
    static func make(at: Int64, sequence: Int64) -> Int64 { at << sequenceBits | (sequence & sequenceMask) }

    /// The smallest id of a report at `at` or later.
    package static func first(at: Int64) -> Int64 { at << sequenceBits }
}
