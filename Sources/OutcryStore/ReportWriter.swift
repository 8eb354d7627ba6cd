package import OutcryModel

/// Stores batches of validated reports: the raw rows, the per-minute counts and the duplicate rule, all in
/// one transaction per batch.
///
/// The duplicate rule needs each reporter's counted reports within the cooldown. The writer keeps them in
/// memory for each service's recent window (twice the cooldown before the service's newest counted report),
/// loaded from `report` by id range the first time a service is seen, and answers older ("late") reports
/// with a query. Everything cached is dropped whenever another connection has committed (`PRAGMA
/// data_version` changed), so two processes writing one database stay correct.
package final class ReportWriter: ReportSink {
    private let database: OutcryDatabase
    private let insertReport: SQLiteStatement
    private let upsertMinute: SQLiteStatement
    private let selectNearbyCounted: SQLiteStatement
    private let selectRecentReporters: SQLiteStatement
    private let selectWindow: SQLiteStatement
    private let upsertWindow: SQLiteStatement
    private let selectIDsFrom: SQLiteStatement
    private let upsertBorrowedSeconds: SQLiteStatement
    /// Relay counts (see ``saveRelayCounts(_:)``), prepared on the first relay report.
    private var relayStatements: (upsert: SQLiteStatement, largest: SQLiteStatement)?

    private var serviceIDs: [ServiceSlug: Int64] = [:]
    /// Latest counted report of each reporter within its service's recent window.
    private var recent: [ReporterKey: Int64] = [:]
    /// Per service: the newest counted report and where the in-memory window was last pruned.
    private var windows: [Int64: RecentWindow] = [:]
    private var knownDataVersion: Int64 = -1
    /// The sequence part of the next report id (see ``ReportID``); starts at random so two writers rarely meet.
    private var sequence = Int64.random(in: 0...ReportID.sequenceMask)
    /// How far past their own second report ids were borrowed: as stored, and including this transaction's.
    private var storedBorrowedSeconds: Int64 = 0
    private var borrowedSeconds: Int64 = 0
    /// For each second whose own ids ran out: where to look for the next free id to borrow.
    private var borrowCursors: [Int64: Int64] = [:]
    /// While one request of a group commit runs: how to undo its changes to the caches if it is rolled back.
    private var undoLog: [CacheUndo]?

    /// A cache entry as it was before a request changed it.
    private enum CacheUndo {
        case recent(ReporterKey, Int64?)
        case window(Int64, RecentWindow?)
    }

    /// A reporter of one service.
    private struct ReporterKey: Hashable {
        var serviceID: Int64
        var hash: ReporterHash
    }

    private struct RecentWindow {
        var newest: Int64
        var prunedAt: Int64
        var isDirty = false
    }

    private struct MinuteKey: Hashable {
        var minute: Int64
        var serviceID: Int64
        var region: Region
        var problem: ProblemKind
    }

    /// One relay's counted reports in one row of `minute_count`.
    private struct RelayMinuteKey: Hashable {
        var minute: MinuteKey
        var relay: Int64
    }

    private struct MinuteTotals {
        var counted = 0
        var duplicates = 0
        var anonymous = 0

        func adding(_ other: MinuteTotals) -> MinuteTotals {
            MinuteTotals(
                counted: counted + other.counted, duplicates: duplicates + other.duplicates,
                anonymous: anonymous + other.anonymous
            )
        }
    }

    package init(database: OutcryDatabase) throws(StoreError) {
        self.database = database
        do {
            let connection = database.connection
            insertReport = try connection.prepare(
                """
                INSERT INTO report (service_id, region, problem, at, reporter, counted, comment, source, received_at, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            selectNearbyCounted = try connection.prepare(
                """
                SELECT at FROM report WHERE id >= ?1 AND id < ?2 AND service_id = ?3 AND reporter = ?4 AND counted = 1
                  AND at >= ?6 AND at < ?7
                ORDER BY abs(at - ?5) LIMIT 1
                """
            )
            selectRecentReporters = try connection.prepare(
                """
                SELECT reporter, MAX(at) FROM report
                WHERE id >= ?1 AND id < ?2 AND service_id = ?3 AND counted = 1 AND reporter IS NOT NULL
                  AND at >= ?4 AND at < ?5
                GROUP BY reporter
                """
            )
            selectWindow = try connection.prepare("SELECT newest_counted_at FROM service_window WHERE service_id = ?")
            upsertWindow = try connection.prepare(
                """
                INSERT INTO service_window (service_id, newest_counted_at) VALUES (?, ?)
                ON CONFLICT (service_id) DO UPDATE SET newest_counted_at = max(newest_counted_at, excluded.newest_counted_at)
                """
            )
            selectIDsFrom = try connection.prepare("SELECT id FROM report WHERE id >= ? ORDER BY id")
            upsertBorrowedSeconds = try connection.prepare(
                """
                INSERT INTO setting (name, value) VALUES ('\(ReportID.borrowedSecondsSetting)', ?1)
                ON CONFLICT (name) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
                """
            )
        } catch {
            throw .sqlite(error)
        }
    }

    /// Stores `reports` in one transaction and returns how each was classified, in order.
    ///
    /// `hashes`, when given, are the reporters' hashes computed beforehand (see ``ReporterHasher``), one per
    /// report (nil for anonymous ones); otherwise the writer hashes them. Only returns after COMMIT: a caller
    /// may acknowledge the reports as durable.
    /// - Throws: ``StoreError/unknownService(_:)`` if a report names a service that is not (or no longer)
    ///   monitored; nothing of the batch is stored then.
    @discardableResult
    package func write(_ reports: [Report], hashes: [ReporterHash?]? = nil, receivedAt: Timestamp) throws(StoreError)
        -> [ReportClassification]
    {
        var classifications: [ReportClassification] = []
        classifications.reserveCapacity(reports.count)
        try write(reports, hashes: hashes, receivedAt: receivedAt) { classifications.append($0) }
        return classifications
    }

    /// Stores `reports` in one transaction; returns the totals.
    package func writeSummarised(_ reports: [Report], hashes: [ReporterHash?]? = nil, receivedAt: Timestamp)
        throws(StoreError) -> IngestSummary
    {
        var summary = IngestSummary()
        try write(reports, hashes: hashes, receivedAt: receivedAt) { summary.add($0) }
        return summary
    }

    private func write(
        _ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp, classified: (ReportClassification) -> Void
    ) throws(StoreError) {
        guard !reports.isEmpty else { return }
        precondition(hashes == nil || hashes?.count == reports.count, "one hash (or nil) per report")
        try begin()
        do {
            try refreshIfOthersWrote()
            var minutes: [MinuteKey: MinuteTotals] = [:]
            minutes.reserveCapacity(reports.count / 4)
            var relayMinutes: [RelayMinuteKey: Int] = [:]
            try insert(
                reports, hashes: hashes, receivedAt: receivedAt, minutes: &minutes, relayMinutes: &relayMinutes,
                classified: classified)
            try finish(minutes: minutes, relayMinutes: relayMinutes)
        } catch {
            throw rollBack(error)
        }
    }

    /// Stores several requests' reports in one transaction (a group commit), each request inside its own
    /// savepoint: a request whose reports fail (a service removed meanwhile, a constraint) is rolled back to
    /// its savepoint and gets its own error, and the other requests are committed.
    ///
    /// - Returns: for each request, in order, its reports' classifications or the error that refused it.
    /// - Throws: when the database itself fails (full, read-only, I/O): nothing of the group is stored then.
    package func writeGroup(_ requests: [GroupedReports], receivedAt: Timestamp) throws(StoreError)
        -> [Result<[ReportClassification], StoreError>]
    {
        for request in requests {
            precondition(
                request.hashes == nil || request.hashes?.count == request.reports.count, "one hash (or nil) per report")
        }
        guard requests.contains(where: { !$0.reports.isEmpty }) else { return requests.map { _ in .success([]) } }
        var results: [Result<[ReportClassification], StoreError>] = []
        results.reserveCapacity(requests.count)
        try begin()
        do {
            try refreshIfOthersWrote()
            var minutes: [MinuteKey: MinuteTotals] = [:]
            var relayMinutes: [RelayMinuteKey: Int] = [:]
            for request in requests {
                guard !request.reports.isEmpty else {
                    results.append(.success([]))
                    continue
                }
                var requestMinutes: [MinuteKey: MinuteTotals] = [:]
                var requestRelays: [RelayMinuteKey: Int] = [:]
                var classes: [ReportClassification] = []
                classes.reserveCapacity(request.reports.count)
                try database.connection.cachedStatement("SAVEPOINT outcry_request").run()
                undoLog = []
                do {
                    try insert(
                        request.reports, hashes: request.hashes, receivedAt: receivedAt, minutes: &requestMinutes,
                        relayMinutes: &requestRelays
                    ) { classes.append($0) }
                    undoLog = nil
                    try database.connection.cachedStatement("RELEASE outcry_request").run()
                    minutes.merge(requestMinutes) { $0.adding($1) }
                    relayMinutes.merge(requestRelays, uniquingKeysWith: +)
                    results.append(.success(classes))
                } catch  where Self.failsOnlyItsRequest(error) {
                    try database.connection.cachedStatement("ROLLBACK TO outcry_request").run()
                    try database.connection.cachedStatement("RELEASE outcry_request").run()
                    undoCacheChanges()
                    results.append(.failure(Self.storeError(error)))
                }
            }
            try finish(minutes: minutes, relayMinutes: relayMinutes)
        } catch {
            throw rollBack(error)
        }
        return results
    }

    /// Inserts the raw rows and classifies them, adding their per-minute totals to `minutes` and each relay's
    /// counted reports to `relayMinutes`.
    private func insert(
        _ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp, minutes: inout [MinuteKey: MinuteTotals],
        relayMinutes: inout [RelayMinuteKey: Int],
        classified: (ReportClassification) -> Void
    ) throws {
        let hasher = database.reporterHasher
        let cooldown = database.duplicateCooldownSeconds
        for (index, report) in reports.enumerated() {
            guard let serviceID = serviceIDs[report.service] else {
                throw StoreError.unknownService(report.service.rawValue)
            }
            let at = report.at.seconds
            var classification = ReportClassification.anonymous
            var reporterHash: ReporterHash? = nil
            if let reporter = report.reporter {
                let hash = hashes?[index] ?? hasher.hash(reporter)
                reporterHash = hash
                let key = ReporterKey(serviceID: serviceID, hash: hash)
                let newest = try window(of: serviceID).newest
                let previous: Int64?
                if at >= newest - cooldown {
                    previous = recent[key]
                } else {
                    previous = try nearbyCounted(key, at: at, cooldown: cooldown)
                }
                if let previous, abs(at - previous) < cooldown {
                    classification = .duplicate
                } else {
                    classification = .counted
                    if at >= newest - cooldown, at > previous ?? .min { setRecent(key, at) }
                    if at > newest { raiseNewest(of: serviceID, to: at) }
                }
            }
            try insertReport.bind(serviceID, at: 1)
            try insertReport.bind(report.region.code, at: 2)
            try insertReport.bind(report.problem.rawValue, at: 3)
            try insertReport.bind(at, at: 4)
            if let reporterHash { try insertReport.bind(reporterHash, at: 5) } else { try insertReport.bindNull(at: 5) }
            try insertReport.bind(classification == .duplicate ? 0 : 1, at: 6)
            try insertReport.bind(report.comment, at: 7)
            try insertReport.bind(report.source.rawValue, at: 8)
            try insertReport.bind(receivedAt.seconds, at: 9)
            try insertWithFreshID(at: at)
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
            if classification == .counted, let relay = report.relay {
                relayMinutes[RelayMinuteKey(minute: minuteKey, relay: relay), default: 0] += 1
            }
            classified(classification)
        }
    }

    /// Adds the per-minute totals, saves the windows and the borrow distance, commits, then prunes the cache.
    private func finish(minutes: [MinuteKey: MinuteTotals], relayMinutes: [RelayMinuteKey: Int]) throws {
        let cooldown = database.duplicateCooldownSeconds
        for (key, totals) in minutes.sorted(by: {
            ($0.key.minute, $0.key.serviceID) < ($1.key.minute, $1.key.serviceID)
        }) {
            try upsertMinute.bind(key.minute, at: 1)
            try upsertMinute.bind(key.serviceID, at: 2)
            try upsertMinute.bind(key.region.code, at: 3)
            try upsertMinute.bind(key.problem.rawValue, at: 4)
            try upsertMinute.bind(totals.counted, at: 5)
            try upsertMinute.bind(totals.duplicates, at: 6)
            try upsertMinute.bind(totals.anonymous, at: 7)
            try upsertMinute.run()
        }
        if !relayMinutes.isEmpty { try saveRelayCounts(relayMinutes) }
        try saveWindows()
        try saveBorrowedSeconds()
        try database.connection.execute("COMMIT")
        storedBorrowedSeconds = borrowedSeconds
        pruneRecent(cooldown: cooldown)
    }

    private func begin() throws(StoreError) {
        do {
            try database.connection.execute("BEGIN IMMEDIATE")
        } catch {
            throw .sqlite(error)
        }
    }

    /// Rolls the whole transaction back and says why it failed.
    private func rollBack(_ error: any Error) -> StoreError {
        try? database.connection.execute("ROLLBACK")
        // What we cached during the failed transaction was never committed.
        forgetCaches()
        return Self.storeError(error)
    }

    private static func storeError(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: error
        case let error as SQLiteError: .sqlite(error)
        default: .invalidStoredValue("\(error)")
        }
    }

    /// Whether `error` is about one request's reports (so the others may still commit), not the database.
    private static func failsOnlyItsRequest(_ error: any Error) -> Bool {
        let sqliteError: SQLiteError
        switch error {
        case StoreError.unknownService: return true
        case StoreError.sqlite(let error): sqliteError = error
        case let error as SQLiteError: sqliteError = error
        default: return false
        }
        // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH: the statement failed, the transaction goes on.
        return [18, 19, 20].contains(sqliteError.code & 0xFF)
    }

    // MARK: - The duplicate rule's memory

    /// The service's window, loading its newest counted report and recent reporters on first use.
    private func window(of serviceID: Int64) throws(SQLiteError) -> RecentWindow {
        if let window = windows[serviceID] { return window }
        try selectWindow.bind(serviceID, at: 1)
        let newest = try selectWindow.step() ? selectWindow.int64(at: 0) : Int64.min / 4
        selectWindow.reset()
        let window = RecentWindow(newest: newest, prunedAt: newest)
        windows[serviceID] = window
        guard newest > .min / 4 else { return window }
        let from = newest - 2 * database.duplicateCooldownSeconds
        let ids = ReportID.range(from: from, to: newest + 1, borrowedSeconds: borrowedSeconds)
        try selectRecentReporters.bind(ids.lowerBound, at: 1)
        try selectRecentReporters.bind(ids.upperBound, at: 2)
        try selectRecentReporters.bind(serviceID, at: 3)
        try selectRecentReporters.bind(from, at: 4)
        try selectRecentReporters.bind(newest + 1, at: 5)
        defer { selectRecentReporters.reset() }
        while try selectRecentReporters.step() {
            guard let hash = selectRecentReporters.blob(at: 0).flatMap({ ReporterHash(bytes: $0) }) else { continue }
            recent[ReporterKey(serviceID: serviceID, hash: hash)] = selectRecentReporters.int64(at: 1)
        }
        return window
    }

    /// For a report older than its service's window: the reporter's counted report closest to it within
    /// the cooldown, from the raw rows (ids are time-ordered, so this reads one small id range).
    private func nearbyCounted(_ key: ReporterKey, at: Int64, cooldown: Int64) throws(SQLiteError) -> Int64? {
        let ids = ReportID.range(from: at - cooldown + 1, to: at + cooldown, borrowedSeconds: borrowedSeconds)
        try selectNearbyCounted.bind(ids.lowerBound, at: 1)
        try selectNearbyCounted.bind(ids.upperBound, at: 2)
        try selectNearbyCounted.bind(key.serviceID, at: 3)
        try selectNearbyCounted.bind(key.hash, at: 4)
        try selectNearbyCounted.bind(at, at: 5)
        try selectNearbyCounted.bind(at - cooldown + 1, at: 6)
        try selectNearbyCounted.bind(at + cooldown, at: 7)
        defer { selectNearbyCounted.reset() }
        return try selectNearbyCounted.step() ? selectNearbyCounted.int64(at: 0) : nil
    }

    /// Records each service's newest counted report, inside the batch's transaction.
    private func saveWindows() throws(SQLiteError) {
        for (serviceID, window) in windows where window.isDirty {
            try upsertWindow.bind(serviceID, at: 1)
            try upsertWindow.bind(window.newest, at: 2)
            try upsertWindow.run()
            windows[serviceID]?.isDirty = false
        }
    }

    /// Drops reporters more than twice the cooldown older than their service's newest report: they can no
    /// longer make a report in the window a duplicate. Runs when a window moved on by a cooldown.
    private func pruneRecent(cooldown: Int64) {
        var horizons: [Int64: Int64] = [:]
        for (serviceID, window) in windows where window.newest >= window.prunedAt + cooldown {
            horizons[serviceID] = window.newest - 2 * cooldown
            windows[serviceID]?.prunedAt = window.newest
        }
        guard !horizons.isEmpty else { return }
        recent = recent.filter { entry in horizons[entry.key.serviceID].map { entry.value >= $0 } ?? true }
    }

    // MARK: - Report ids

    /// Runs the bound insert with the next id for `at`, stepping past ids another writer already used; when
    /// `at`'s own ids seem to have run out, borrows the next free one after them (see ``ReportID``).
    /// Adds the batch's counted relay reports to `relay_minute_count` and raises each row's `largest_relay` in
    /// `minute_count` (already upserted in this transaction) to the largest single relay's total: the detector
    /// judges a spike without its largest source, so one relay token alone can never open an incident.
    private func saveRelayCounts(_ counts: [RelayMinuteKey: Int]) throws(SQLiteError) {
        let statements: (upsert: SQLiteStatement, largest: SQLiteStatement)
        if let prepared = relayStatements {
            statements = prepared
        } else {
            let connection = database.connection
            statements = (
                try connection.prepare(
                    """
                    INSERT INTO relay_minute_count (minute, service_id, region, problem, token_id, counted)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (minute, service_id, region, problem, token_id) DO UPDATE SET
                        counted = counted + excluded.counted
                    RETURNING counted
                    """),
                try connection.prepare(
                    """
                    UPDATE minute_count SET largest_relay = max(largest_relay, ?)
                    WHERE minute = ? AND service_id = ? AND region = ? AND problem = ?
                    """)
            )
            relayStatements = statements
        }
        for (key, counted) in counts {
            let upsert = statements.upsert
            try upsert.bind(key.minute.minute, at: 1)
            try upsert.bind(key.minute.serviceID, at: 2)
            try upsert.bind(key.minute.region.code, at: 3)
            try upsert.bind(key.minute.problem.rawValue, at: 4)
            try upsert.bind(key.relay, at: 5)
            try upsert.bind(counted, at: 6)
            let total = try upsert.step() ? upsert.int64(at: 0) : Int64(counted)
            upsert.reset()
            let largest = statements.largest
            try largest.bind(total, at: 1)
            try largest.bind(key.minute.minute, at: 2)
            try largest.bind(key.minute.serviceID, at: 3)
            try largest.bind(key.minute.region.code, at: 4)
            try largest.bind(key.minute.problem.rawValue, at: 5)
            try largest.run()
        }
    }

    private func insertWithFreshID(at: Int64) throws(SQLiteError) {
        if let cursor = borrowCursors[at] {
            try insertBorrowing(at: at, from: cursor)
            return
        }
        for _ in 0..<64 {
            sequence = (sequence &+ 1) & ReportID.sequenceMask
            try insertReport.bind(ReportID.make(at: at, sequence: sequence), at: 10)
            do {
                try insertReport.run()
                return
            } catch  where error.code == ReportID.primaryKeyConstraint {
                sequence = (sequence &+ 7919) & ReportID.sequenceMask
            }
        }
        try insertBorrowing(at: at, from: ReportID.first(at: at) + ReportID.idsPerSecond)
    }

    /// Runs the bound insert with the first free id at or after `start`, and remembers how far it borrowed.
    private func insertBorrowing(at: Int64, from start: Int64) throws(SQLiteError) {
        var candidate = try firstFreeID(from: start)
        // Under the write lock the id found is free; the loop only guards against a surprise.
        for _ in 0..<64 {
            try insertReport.bind(candidate, at: 10)
            do {
                try insertReport.run()
                borrowCursors[at] = candidate + 1
                borrowedSeconds = max(borrowedSeconds, ReportID.second(of: candidate) - at)
                return
            } catch  where error.code == ReportID.primaryKeyConstraint {
                candidate = try firstFreeID(from: candidate + 1)
            }
        }
        throw SQLiteError(
            code: ReportID.primaryKeyConstraint, message: "no free report id", context: "storing a report")
    }

    /// The smallest id at or after `start` that no report has: walks the used ids from `start` to the first gap.
    private func firstFreeID(from start: Int64) throws(SQLiteError) -> Int64 {
        try selectIDsFrom.bind(start, at: 1)
        defer { selectIDsFrom.reset() }
        var expected = start
        while try selectIDsFrom.step() {
            let id = selectIDsFrom.int64(at: 0)
            guard id == expected else { break }
            guard id < Int64.max else {
                throw SQLiteError(
                    code: ReportID.primaryKeyConstraint, message: "no free report id", context: "storing a report")
            }
            expected = id + 1
        }
        return expected
    }

    /// Records, inside the transaction, how far ids were borrowed if that grew (never lowers the stored value).
    private func saveBorrowedSeconds() throws(SQLiteError) {
        guard borrowedSeconds > storedBorrowedSeconds else { return }
        try upsertBorrowedSeconds.bind(borrowedSeconds, at: 1)
        try upsertBorrowedSeconds.run()
    }

    // MARK: - Caches

    /// Sets a reporter's latest counted report, remembering the old value while a request may be rolled back.
    private func setRecent(_ key: ReporterKey, _ at: Int64) {
        if undoLog != nil { undoLog?.append(.recent(key, recent[key])) }
        recent[key] = at
    }

    /// Moves a service's newest counted report forward, remembering the old window while a request may be
    /// rolled back.
    private func raiseNewest(of serviceID: Int64, to at: Int64) {
        if undoLog != nil { undoLog?.append(.window(serviceID, windows[serviceID])) }
        windows[serviceID]?.newest = at
        windows[serviceID]?.isDirty = true
    }

    /// Puts back what the request rolled back to its savepoint changed in the caches.
    private func undoCacheChanges() {
        guard let log = undoLog else { return }
        undoLog = nil
        for change in log.reversed() {
            switch change {
            case .recent(let key, let value): recent[key] = value
            case .window(let serviceID, let window): windows[serviceID] = window
            }
        }
    }

    /// Drops every cache when another connection committed since our last look.
    private func refreshIfOthersWrote() throws(SQLiteError) {
        let version = try database.connection.dataVersion()
        if version != knownDataVersion || serviceIDs.isEmpty {
            forgetCaches()
            serviceIDs = try database.serviceIDs()
            storedBorrowedSeconds =
                try OutcryDatabase.setting(ReportID.borrowedSecondsSetting, in: database.connection)
                .flatMap { Int64($0) }.map { max(0, $0) } ?? 0
            borrowedSeconds = storedBorrowedSeconds
            knownDataVersion = version
        }
    }

    private func forgetCaches() {
        recent.removeAll(keepingCapacity: true)
        windows.removeAll()
        serviceIDs.removeAll()
        borrowCursors.removeAll()
        borrowedSeconds = storedBorrowedSeconds
        undoLog = nil
    }
}

/// One request's reports in a group commit (see ``ReportWriter/writeGroup(_:receivedAt:)``).
package struct GroupedReports: Sendable {
    package var reports: [Report]
    /// One per report (nil for anonymous ones), or nil to let the writer hash the reporters.
    package var hashes: [ReporterHash?]?

    package init(reports: [Report], hashes: [ReporterHash?]? = nil) {
        self.reports = reports
        self.hashes = hashes
    }
}
