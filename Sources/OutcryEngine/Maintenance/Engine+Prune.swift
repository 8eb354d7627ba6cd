package import OutcryModel
package import OutcryStore

extension Engine {
    /// Deletes the raw reports of the UTC days before `day` (PostgreSQL drops whole day partitions). The
    /// per-minute counts stay, so baselines, incidents, exports and replays keep their history; what goes is
    /// the audit trail of single reports and the distinct-reporter counts of those days.
    ///
    /// - Throws: ``EngineError/invalidArgument(_:)`` unless `day` is a UTC midnight at least one duplicate
    ///   cooldown before now (today's reports decide which new reports are duplicates).
    package func pruneReports(before day: Timestamp) throws(EngineError) -> PruneOutcome {
        guard day.bucketStart(width: 86_400) == day else {
            throw .invalidArgument("--before \(day.iso8601) is not the start of a UTC day; give a date (YYYY-MM-DD)")
        }
        let latest = clock.now().adding(seconds: -duplicateCooldownSeconds).bucketStart(width: 86_400)
        guard day <= latest else {
            throw .invalidArgument(
                "--before \(day.iso8601) would delete reports newer than the duplicate cooldown; "
                    + "the latest allowed now is \(latest.iso8601)")
        }
        return try store { try $0.pruneReports(before: day) }
    }
}
