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
    private var latestCountedAt: Int64 = .min
    private var knownDataVersion: Int64 = -1
    /// Above this many cached reporters, entries older than twice the cooldown are dropped (still in the table).
    private let reporterCacheLimit = 200_000

    private struct ReporterKey: Hashable {
        var serviceID: Int64
        var hash: [UInt8]
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
                    let previous = try lastCountedAt(key)
                    if let previous, abs(at - previous) < cooldown {
                        classification = .duplicate
                    } else {
                        classification = .counted
                        if previous.map({ at > $0 }) ?? true {
                            lastCounted[key] = at
                            try storeLastCounted(key, at: at)
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
                latestCountedAt = max(latestCountedAt, at)
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
            try connection.execute("COMMIT")
            pruneReporterCache()
        } catch {
            try? connection.execute("ROLLBACK")
            // What we cached during the failed batch was never committed.
            lastCounted.removeAll()
            serviceIDs.removeAll()
            knownDataVersion = -1
            switch error {
            case let error as StoreError: throw error
            case let error as SQLiteError: throw .sqlite(error)
            default: throw .invalidStoredValue("\(error)")
            }
        }
    }

    /// Drops the caches when another connection committed since our last look.
    private func refreshCachesIfOthersWrote() throws(SQLiteError) {
        let version = try database.connection.dataVersion()
        if version != knownDataVersion || serviceIDs.isEmpty {
            lastCounted.removeAll(keepingCapacity: true)
            serviceIDs = try database.serviceIDs()
            knownDataVersion = version
        }
    }

    private func lastCountedAt(_ key: ReporterKey) throws(SQLiteError) -> Int64? {
        if let cached = lastCounted[key] { return cached }
        try selectLastCounted.bind(key.serviceID, at: 1)
        try selectLastCounted.bind(key.hash, at: 2)
        defer { selectLastCounted.reset() }
        guard try selectLastCounted.step() else { return nil }
        let at = selectLastCounted.int64(at: 0)
        lastCounted[key] = at
        return at
    }

    private func storeLastCounted(_ key: ReporterKey, at: Int64) throws(SQLiteError) {
        try upsertLastCounted.bind(key.serviceID, at: 1)
        try upsertLastCounted.bind(key.hash, at: 2)
        try upsertLastCounted.bind(at, at: 3)
        try upsertLastCounted.run()
    }

    private func pruneReporterCache() {
        guard lastCounted.count > reporterCacheLimit else { return }
        let horizon = latestCountedAt - 2 * database.duplicateCooldownSeconds
        lastCounted = lastCounted.filter { $0.value >= horizon }
        if lastCounted.count > reporterCacheLimit { lastCounted.removeAll() }
    }
}
