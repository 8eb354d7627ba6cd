import NIOCore
package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: CoordinationStorage {
    /// The session advisory lock that makes one daemon the detector leader (any pair unique to Outcry).
    static let leaderLockKey: (Int32, Int32) = (7301, 2)

    /// `pg_try_advisory_lock`: held by this connection until it releases it or closes, so a leader that dies
    /// (its connection dropped, or timed out by the server's TCP keepalive) lets another daemon take over.
    package func tryAcquireDetectorLead() throws(StoreError) -> Bool {
        if holdsDetectorLead {
            // Still ours only while this connection lives and the server still lists the lock as ours.
            do {
                let row = try session.query(
                    """
                    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                        AND classid = \(Self.leaderLockKey.0) AND objid = \(Self.leaderLockKey.1) AND granted)
                    """, "checking the detector lead"
                ).first
                holdsDetectorLead = try row?.columns(Bool.self, "the detector lead") ?? false
            } catch {
                holdsDetectorLead = false
                throw error
            }
            if holdsDetectorLead { return true }
        }
        let row = try session.query(
            "SELECT pg_try_advisory_lock(\(Self.leaderLockKey.0), \(Self.leaderLockKey.1))",
            "trying to take the detector lead"
        ).first
        holdsDetectorLead = try row?.columns(Bool.self, "the detector lead") ?? false
        return holdsDetectorLead
    }

    package func releaseDetectorLead() throws(StoreError) {
        guard holdsDetectorLead else { return }
        holdsDetectorLead = false
        try session.execute(
            "SELECT pg_advisory_unlock(\(Self.leaderLockKey.0), \(Self.leaderLockKey.1))",
            "giving up the detector lead")
    }

    /// Locks the detector state's row, checks nobody committed after `previous`, then inserts the tick's row
    /// `ON CONFLICT DO NOTHING`: the minute is claimed only when that insert added it.
    package func claimDetectorTick(minute: Int64, previous: Int64?, daemon: String, at now: Timestamp)
        throws(StoreError) -> Bool
    {
        let stored = try session.query(
            "SELECT last_tick FROM detector_state WHERE id = 1 FOR UPDATE", "locking the detector state"
        ).first.map { row throws(StoreError) in floorDiv(try row.columns(Int64.self, "detector_state.last_tick"), 60) }
        guard stored == previous, minute > (stored ?? .min) else { return false }
        let inserted = try session.execute(
            """
            INSERT INTO detector_tick (minute, daemon, committed_at) VALUES (\(minute), \(daemon), \(now.seconds))
            ON CONFLICT (minute) DO NOTHING
            """, "claiming detection tick \(minute)")
        return inserted == 1
    }

    package func lastDetectorTick() throws(StoreError) -> DetectorTickRecord? {
        guard
            let row = try session.query(
                """
                SELECT s.last_tick, t.daemon, t.committed_at FROM detector_state s
                LEFT JOIN detector_tick t ON t.minute = s.last_tick / 60
                WHERE s.id = 1
                """, "reading the last detection tick"
            ).first
        else { return nil }
        let (lastTick, daemon, committedAt) = try row.columns((Int64, String?, Int64?).self, "the last tick")
        return DetectorTickRecord(
            minute: floorDiv(lastTick, 60), daemon: daemon, committedAt: committedAt.map { Timestamp(seconds: $0) })
    }

    /// Drops the day partitions wholly before `day`, deletes older rows left in the default partition, and
    /// forgets duplicate-rule windows that can no longer matter.
    package func pruneReports(before day: Timestamp) throws(StoreError) -> PruneOutcome {
        try StoreError.postgresCatching("pruning reports") {
            try inTransaction {
                let lastDay = floorDiv(day.seconds, 86_400)
                let partitions = try session.query(
                    """
                    SELECT c.relname FROM pg_inherits i
                    JOIN pg_class c ON c.oid = i.inhrelid
                    JOIN pg_class p ON p.oid = i.inhparent
                    WHERE p.relname = 'report' AND c.relname LIKE 'report\\_d%'
                    """, "listing report partitions"
                ).map { row throws(StoreError) in try row.columns(String.self, "partition name") }
                var reports = 0
                var dropped = 0
                for name in partitions {
                    guard let number = Int64(name.dropFirst("report_d".count)), number < lastDay else { continue }
                    let counted =
                        try session.query(
                            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \"\(name)\""), "counting \(name)"
                        ).first.map { row throws(StoreError) in try row.columns(Int64.self, "count") } ?? Int64(0)
                    try session.run("ALTER TABLE report DETACH PARTITION \"\(name)\"", "detaching \(name)")
                    try session.run("DROP TABLE \"\(name)\"", "dropping \(name)")
                    knownReportDays.remove(number)
                    reports += Int(counted)
                    dropped += 1
                }
                reports += try session.execute(
                    "DELETE FROM report_default WHERE at < \(day.seconds)", "pruning the default partition")
                try session.execute(
                    "DELETE FROM report_first WHERE window_start < \(day.seconds - duplicateCooldownSeconds)",
                    "pruning duplicate-rule windows")
                return PruneOutcome(reports: reports, partitions: dropped)
            }
        }
    }
}

extension StoreError {
    /// Runs `body`, giving whatever it throws as a ``StoreError`` (anything not a store error names `what`).
    static func postgresCatching<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidStoredValue("\(what): \(error)")
        }
    }
}

extension PostgresStore {
    /// Makes sure `report` has a partition for each UTC day in `days` (day = at / 86400), creating the missing
    /// ones (and tomorrow's) with `outcry_ensure_report_partitions`; remembered per connection, so this costs a
    /// query only on a connection's first report of a day. A day out of the partitions' useful range (before
    /// 2000 or after 2100) stays in the default partition.
    func ensureReportPartitions(days: Set<Int64>) throws(StoreError) {
        let useful: ClosedRange<Int64> = 10_957...47_482
        let missing = days.subtracting(knownReportDays).filter { useful.contains($0) }
        guard !missing.isEmpty else { return }
        for day in missing.sorted() {
            try session.query(
                "SELECT outcry_ensure_report_partitions(\(day), \(min(day + 1, useful.upperBound)))",
                "creating the report partitions of day \(day)")
            knownReportDays.insert(day)
            knownReportDays.insert(day + 1)
        }
    }
}
