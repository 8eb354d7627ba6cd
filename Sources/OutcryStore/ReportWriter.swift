package import OutcryModel

/// Stores batches of validated reports: the raw rows, the per-minute counts and the duplicate rule, all in
/// one transaction per batch.
///
/// Keeps prepared statements and two caches (service ids, each reporter's last counted report). The caches
/// are dropped whenever another connection has committed (`PRAGMA data_version` changed), so two processes
/// writing the same database stay correct.
package final class ReportWriter {
    private let database: OutcryDatabase
    private let insertReport: SQLiteStatement
    private let upsertMinute: SQLiteStatement
    private let selectLastCounted: SQLiteStatement
    private let upsertLastCounted: SQLiteStatement
    private var serviceIDs: [ServiceSlug: Int64] = [:]
    private var lastCounted: [ReporterKey: Int64] = [:]
    /// Per service: the newest counted report time and how far the recent-reporters table has been pruned.
    private var windows: [Int64: RecentWindow] = [:]
    private var knownDataVersion: Int64 = -1
    private let selectNearbyCounted: SQLiteStatement
    private let pruneLastCounted: SQLiteStatement
    /// Above this many cached reporters, old entries are pruned even if the newest report did not move on.
    private let reporterCacheLimit = 200_000

    /// A reporter of one service: the service id and the first 16 bytes of the reporter hash as two words.
    private struct ReporterKey: Hashable {
        var serviceID: Int64
        var high: UInt64
        var low: UInt64

        init(serviceID: Int64, hash: [UInt8]) {
            self.serviceID = serviceID
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<8 { high = high << 8 | UInt64(hash[index]) }
            for index in 8..<16 { low = low << 8 | UInt64(hash[index]) }
            self.high = high
            self.low = low
        }
    }

    private struct RecentWindow {
        var newest: Int64
        var prunedUpTo: Int64
    }

    private struct MinuteKey: Hashable {
        var minute: Int64
        var serviceID: Int64
        var region: Region
        var problem: ProblemKind
    }

    private struct MinuteTotals {
        var counted = 0
        var duplicates = 0
        var anonymous = 0
    }

    package init(database: OutcryDatabase) throws(StoreError) {
        self.database = database
        do {
            let connection = database.connection
            insertReport = try connection.prepare(
                """
                INSERT INTO report (service_id, region, problem, at, reporter, counted, comment, source, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            )
            upsertMinute = try connection.prepare(
                """
                INSERT INTO minute_count (minute, service_id, region, problem, counted, duplicates, anonymous)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (minute, service_id, region, problem) DO UPDATE SET
                    counted = counted + excluded.counted,
                    duplicates = duplicates + excluded.duplicates,
                    anonymous = anonymous + excluded.anonymous
                """
            )
            selectLastCounted = try connection.prepare(
                "SELECT at FROM reporter_last_counted WHERE service_id = ? AND reporter = ?"
            )
            upsertLastCounted = try connection.prepare(
                """
                INSERT INTO reporter_last_counted (service_id, reporter, at) VALUES (?, ?, ?)
                ON CONFLICT (service_id, reporter) DO UPDATE SET at = max(at, excluded.at)
                """
            )
            selectNearbyCounted = try connection.prepare(
                """
                SELECT at FROM report WHERE at > ? AND at < ? AND service_id = ? AND reporter = ? AND counted = 1
                LIMIT 1
                """
            )
            pruneLastCounted = try connection.prepare("DELETE FROM reporter_last_counted WHERE service_id = ? AND at < ?")
        } catch {
            throw .sqlite(error)
        }
    }

    /// Stores `reports` in one transaction and returns how each was classified, in order.
    ///
    /// Only returns after COMMIT: a caller may acknowledge the reports as durable.
    /// - Throws: ``StoreError/unknownService(_:)`` if a report names a service that is not (or no longer)
    ///   monitored; nothing of the batch is stored then.
    @discardableResult
    package func write(_ reports: [Report], receivedAt: Timestamp) throws(StoreError) -> [ReportClassification] {
        var classifications: [ReportClassification] = []
        classifications.reserveCapacity(reports.count)
        try write(reports, receivedAt: receivedAt) { classifications.append($0) }
        return classifications
    }

    /// Stores `reports` in one transaction; returns the totals.
    package func writeSummarised(_ reports: [Report], receivedAt: Timestamp) throws(StoreError) -> IngestSummary {
        var summary = IngestSummary()
        try write(reports, receivedAt: receivedAt) { classification in
            summary.stored += 1
            switch classification {
            case .counted: summary.counted += 1
            case .duplicate: summary.duplicates += 1
            case .anonymous:
                summary.counted += 1
                summary.anonymous += 1
            }
        }
        return summary
    }

    private func write(
        _ reports: [Report], receivedAt: Timestamp, classified: (ReportClassification) -> Void
    ) throws(StoreError) {
        guard !reports.isEmpty else { return }
        let connection = database.connection
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            throw .sqlite(error)
        }
        do {
            try refreshCachesIfOthersWrote()
            var minutes: [MinuteKey: MinuteTotals] = [:]
            let hasher = database.reporterHasher
            let cooldown = database.duplicateCooldownSeconds
            // Within one batch the same reporter id often repeats: hash it once.
            var hashes: [String: [UInt8]] = [:]
            for report in reports {
                guard let serviceID = serviceIDs[report.service] else {
                    throw StoreError.unknownService(report.service.rawValue)
                }
                let at = report.at.seconds
                var classification = ReportClassification.anonymous
                var reporterHash: [UInt8]? = nil
                if let reporter = report.reporter {
                    let hash: [UInt8]
                    if let cached = hashes[reporter] {
                        hash = cached
                    } else {
                        hash = hasher.hash(reporter)
                        hashes[reporter] = hash
                    }
                    reporterHash = hash
                    let key = ReporterKey(serviceID: serviceID, hash: hash)
                    let previous = try lastCountedAt(key, hash: hash, at: at, newest: try newestCounted(serviceID))
                    if let previous, abs(at - previous) < cooldown {
                        classification = .duplicate
                    } else {
                        classification = .counted
                        if previous.map({ at > $0 }) ?? true {
                            lastCounted[key] = at
                            try storeLastCounted(serviceID: serviceID, hash: hash, at: at)
                        }
                    }
                }
                try insertReport.bind(serviceID, at: 1)
                try insertReport.bind(report.region.code, at: 2)
                try insertReport.bind(report.problem.rawValue, at: 3)
                try insertReport.bind(at, at: 4)
                try insertReport.bind(reporterHash, at: 5)
                try insertReport.bind(classification == .duplicate ? 0 : 1, at: 6)
                try insertReport.bind(report.comment, at: 7)
                try insertReport.bind(report.source.rawValue, at: 8)
                try insertReport.bind(receivedAt.seconds, at: 9)
                try insertReport.run()
                let minuteKey = MinuteKey(
                    minute: report.at.epochMinute, serviceID: serviceID, region: report.region, problem: report.problem
                )
                switch classification {
                case .counted: minutes[minuteKey, default: MinuteTotals()].counted += 1
                case .duplicate: minutes[minuteKey, default: MinuteTotals()].duplicates += 1
                case .anonymous:
                    minutes[minuteKey, default: MinuteTotals()].counted += 1
                    minutes[minuteKey, default: MinuteTotals()].anonymous += 1
                }
                if classification != .duplicate, at > windows[serviceID]?.newest ?? .min {
                    windows[serviceID, default: RecentWindow(newest: at, prunedUpTo: .min / 2)].newest = at
                }
                classified(classification)
            }
            for (key, totals) in minutes.sorted(by: { $0.key.minute < $1.key.minute }) {
                try upsertMinute.bind(key.minute, at: 1)
                try upsertMinute.bind(key.serviceID, at: 2)
                try upsertMinute.bind(key.region.code, at: 3)
                try upsertMinute.bind(key.problem.rawValue, at: 4)
                try upsertMinute.bind(totals.counted, at: 5)
                try upsertMinute.bind(totals.duplicates, at: 6)
                try upsertMinute.bind(totals.anonymous, at: 7)
                try upsertMinute.run()
            }
            try pruneRecentReporters()
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            // What we cached during the failed batch was never committed.
            lastCounted.removeAll()
            serviceIDs.removeAll()
            windows.removeAll()
            knownDataVersion = -1
            switch error {
            case let error as StoreError: throw error
            case let error as SQLiteError: throw .sqlite(error)
            default: throw .invalidStoredValue("\(error)")
            }
        }
    }


    /// Forgets reporters whose last counted report is more than twice the cooldown older than their service's
    /// newest report: they can no longer make a new report a duplicate, and the table stays small enough to
    /// live in SQLite's page cache. Runs inside the batch's transaction.
    private func pruneRecentReporters() throws(SQLiteError) {
        let cooldown = database.duplicateCooldownSeconds
        var pruned = false
        for (serviceID, window) in windows {
            let horizon = window.newest - 2 * cooldown
            guard horizon > window.prunedUpTo + cooldown else { continue }
            try pruneLastCounted.bind(serviceID, at: 1)
            try pruneLastCounted.bind(horizon, at: 2)
            try pruneLastCounted.run()
            windows[serviceID]?.prunedUpTo = horizon
            pruned = true
        }
        if pruned || lastCounted.count > reporterCacheLimit {
            lastCounted = lastCounted.filter { entry in
                guard let window = windows[entry.key.serviceID] else { return false }
                return entry.value >= window.newest - 2 * cooldown
            }
        }
    }

    /// The newest counted report of a service, read once per writer (then tracked as reports are written).
    private func newestCounted(_ serviceID: Int64) throws(SQLiteError) -> Int64 {
        if let window = windows[serviceID] { return window.newest }
        let statement = try database.connection.cachedStatement(
            "SELECT MAX(at) FROM reporter_last_counted WHERE service_id = ?"
        )
        defer { statement.reset() }
        try statement.bind(serviceID, at: 1)
        let newest = try statement.step() && !statement.isNull(at: 0) ? statement.int64(at: 0) : .min / 2
        windows[serviceID] = RecentWindow(newest: newest, prunedUpTo: .min / 2)
        return newest
    }

    /// Drops the caches when another connection committed since our last look.
    private func refreshCachesIfOthersWrote() throws(SQLiteError) {
        let version = try database.connection.dataVersion()
        if version != knownDataVersion || serviceIDs.isEmpty {
            lastCounted.removeAll(keepingCapacity: true)
            windows.removeAll()
            serviceIDs = try database.serviceIDs()
            knownDataVersion = version
        }
    }

    /// The time of the reporter's last counted report near `at`: from the cache, else the recent-reporters
    /// table, else (for a report older than that table's window) the raw reports.
    private func lastCountedAt(_ key: ReporterKey, hash: [UInt8], at: Int64, newest: Int64) throws(SQLiteError) -> Int64? {
        if let cached = lastCounted[key] { return cached }
        try selectLastCounted.bind(key.serviceID, at: 1)
        try selectLastCounted.bind(hash, at: 2)
        defer { selectLastCounted.reset() }
        if try selectLastCounted.step() {
            let found = selectLastCounted.int64(at: 0)
            lastCounted[key] = found
            return found
        }
        guard at < newest - database.duplicateCooldownSeconds else { return nil }
        // A late report, older than the window the table keeps: look at the raw reports around it.
        let cooldown = database.duplicateCooldownSeconds
        try selectNearbyCounted.bind(at - cooldown, at: 1)
        try selectNearbyCounted.bind(at + cooldown, at: 2)
        try selectNearbyCounted.bind(key.serviceID, at: 3)
        try selectNearbyCounted.bind(hash, at: 4)
        defer { selectNearbyCounted.reset() }
        return try selectNearbyCounted.step() ? selectNearbyCounted.int64(at: 0) : nil
    }

    private func storeLastCounted(serviceID: Int64, hash: [UInt8], at: Int64) throws(SQLiteError) {
        try upsertLastCounted.bind(serviceID, at: 1)
        try upsertLastCounted.bind(hash, at: 2)
        try upsertLastCounted.bind(at, at: 3)
        try upsertLastCounted.run()
    }

}
