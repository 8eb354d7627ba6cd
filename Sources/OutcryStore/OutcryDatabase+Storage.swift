package import OutcryModel

extension OutcryDatabase: OutcryStorage {
    package var location: StorageLocation { .sqlite(path: path) }

    /// `BEGIN IMMEDIATE … COMMIT` (see ``SQLiteConnection/inTransaction(_:)``); inside an open transaction the
    /// body simply joins it.
    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        if connection.isInTransaction { return try body() }
        return try connection.inTransaction(body)
    }

    package func withSavepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let quoted = "\"" + name.filter { $0 != "\"" } + "\""
        try connection.execute("SAVEPOINT \(quoted)")
        do {
            let result = try body()
            try connection.execute("RELEASE \(quoted)")
            return result
        } catch {
            try? connection.execute("ROLLBACK TO \(quoted)")
            try? connection.execute("RELEASE \(quoted)")
            throw error
        }
    }

    package func makeReportWriter() throws(StoreError) -> any ReportSink {
        try ReportWriter(database: self)
    }

    /// `PRAGMA query_only`: every later write on this connection fails.
    package func refuseWrites() throws(StoreError) {
        do { try connection.execute("PRAGMA query_only = ON") } catch { throw .sqlite(error) }
    }
}

extension OutcryDatabase: CoordinationStorage {
    /// One daemon owns an SQLite file: it always leads.
    package func tryAcquireDetectorLead() throws(StoreError) -> Bool { true }

    package func releaseDetectorLead() throws(StoreError) {}

    /// The saved detector state is the tick record: the claim holds when nobody saved a state since the run
    /// started (another `outcry detect` on the same file, say) and the run moves it forward.
    package func claimDetectorTick(minute: Int64, previous: Int64?, daemon: String, at now: Timestamp)
        throws(StoreError) -> Bool
    {
        let stored = try lastDetectorTick()?.minute
        return stored == previous && minute > (stored ?? .min)
    }

    package func lastDetectorTick() throws(StoreError) -> DetectorTickRecord? {
        try StoreError.catching("the detector's last tick") {
            let statement = try connection.cachedStatement("SELECT last_tick FROM detector_state WHERE id = 1")
            defer { statement.reset() }
            guard try statement.step() else { return nil }
            return DetectorTickRecord(minute: floorDiv(statement.int64(at: 0), 60))
        }
    }

    /// Deletes by id range (ids encode time, see ``ReportID``) and filters on `at` for borrowed ids.
    package func pruneReports(before day: Timestamp) throws(StoreError) -> PruneOutcome {
        try StoreError.catching("pruning reports") {
            try inTransaction {
                let borrowed = try Self.setting(ReportID.borrowedSecondsSetting, in: connection).flatMap { Int64($0) }
                let ids = ReportID.range(
                    from: Timestamp.distantPast.seconds, to: day.seconds, borrowedSeconds: borrowed ?? 0)
                let statement = try connection.prepare("DELETE FROM report WHERE id < ?1 AND at < ?2")
                try statement.bind(ids.upperBound, at: 1)
                try statement.bind(day.seconds, at: 2)
                try statement.run()
                return PruneOutcome(reports: connection.changes)
            }
        }
    }
}
