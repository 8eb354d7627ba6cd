import OutcryModel
import OutcryStore
import PostgresNIO

/// Stores batches of reports on PostgreSQL, one transaction per call: the batch's first-report keys inserted
/// `ON CONFLICT DO NOTHING` (the duplicate rule, across daemons), the raw rows by `COPY`, then one upsert of
/// the batch's per-minute counts, aggregated here and sorted by key so concurrent daemons lock rows in the same
/// order and never deadlock. Returns only after COMMIT.
final class PostgresReportWriter: ReportSink {
    private unowned let store: PostgresStore
    private var serviceIDs: [ServiceSlug: Int64] = [:]
    private let hasher: ReporterHasher

    init(store: PostgresStore) {
        self.store = store
        hasher = ReporterHasher(secret: store.reporterSecret)
    }

    func write(_ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp) throws(StoreError)
        -> [ReportClassification]
    {
        guard !reports.isEmpty else { return [] }
        let results = try writeGroup([GroupedReports(reports: reports, hashes: hashes)], receivedAt: receivedAt)
        return try results[0].get()
    }

    func writeSummarised(_ reports: [Report], hashes: [ReporterHash?]?, receivedAt: Timestamp) throws(StoreError)
        -> IngestSummary
    {
        var summary = IngestSummary()
        for classification in try write(reports, hashes: hashes, receivedAt: receivedAt) { summary.add(classification) }
        return summary
    }

    /// A request naming a service that is not monitored fails alone, before anything is written; the others
    /// commit together.
    func writeGroup(_ requests: [GroupedReports], receivedAt: Timestamp) throws(StoreError)
        -> [Result<[ReportClassification], StoreError>]
    {
        var batch = Batch(cooldown: max(1, store.duplicateCooldownSeconds))
        var results: [Result<[ReportClassification], StoreError>?] = []
        for request in requests {
            precondition(
                request.hashes == nil || request.hashes?.count == request.reports.count, "one hash (or nil) per report")
            if let unknown = try firstUnknownService(in: request.reports) {
                results.append(.failure(.unknownService(unknown.rawValue)))
                continue
            }
            results.append(nil)
            for (index, report) in request.reports.enumerated() {
                let hash = report.reporter.map { request.hashes?[index] ?? hasher.hash($0) }
                batch.add(report, hash: hash, serviceID: serviceIDs[report.service] ?? 0, request: results.count - 1)
            }
        }
        if !batch.rows.isEmpty {
            try StoreError.postgresCatching("storing reports") {
                try store.inTransaction { try commit(&batch, receivedAt: receivedAt) }
            }
        }
        var classified = batch.classificationsByRequest(count: results.count)
        return results.enumerated().map { index, result in
            result ?? .success(classified.take(index))
        }
    }

    /// The batch's writes, in the caller's transaction.
    private func commit(_ batch: inout Batch, receivedAt: Timestamp) throws {
        try store.ensureReportPartitions(days: Set(batch.rows.map { floorDiv($0.report.at.seconds, 86_400) }))
        batch.classify(counting: try insertFirstReports(batch.firstReportKeys()))
        var copy = PostgresCopyText(capacity: batch.rows.count * 128)
        for row in batch.rows {
            let region = row.report.region.code
            let problem = row.report.problem.rawValue
            let source = row.report.source.rawValue
            let bound =
                4 * CopyRowWriter.integerBound + CopyRowWriter.reporterBound + CopyRowWriter.booleanBound
                + CopyRowWriter.bound(region) + CopyRowWriter.bound(problem) + CopyRowWriter.bound(source)
                + CopyRowWriter.bound(row.report.comment)
            copy.addRow(maximumBytes: bound) { columns in
                columns.add(row.serviceID)
                columns.add(region)
                columns.add(problem)
                columns.add(row.report.at.seconds)
                columns.add(reporter: row.hash)
                columns.add(row.classification != .duplicate)
                columns.add(row.report.comment)
                columns.add(source)
                columns.add(receivedAt.seconds)
            }
        }
        guard !copy.overflowed else {
            throw StoreError.invalidStoredValue("a report's COPY row outgrew its computed size; nothing was stored")
        }
        try store.session.copy(
            into: "report",
            columns: [
                "service_id", "region", "problem", "at", "reporter", "counted", "comment", "source", "received_at",
            ],
            data: copy.buffer, "copying \(batch.rows.count) reports")
        try upsertMinuteCounts(batch.minuteTotals())
        let relays = batch.relayTotals()
        if !relays.isEmpty { try upsertRelayCounts(relays) }
    }

    /// Inserts the keys (sorted) and returns those that were new: their reports count. The reporter travels as
    /// two 8-byte integers (binary parameters, no hex text either way) and is stored as its 16 bytes.
    private func insertFirstReports(_ keys: [FirstReportKey]) throws(StoreError) -> Set<FirstReportKey> {
        guard !keys.isEmpty else { return [] }
        let rows = try store.session.query(
            """
            INSERT INTO report_first (service_id, reporter, window_start)
            SELECT s, int8send(h) || int8send(l), w FROM unnest(\(keys.map(\.serviceID)),
                \(keys.map { Int64(bitPattern: $0.reporter.high) }), \(keys.map { Int64(bitPattern: $0.reporter.low) }),
                \(keys.map(\.windowStart))) AS k(s, h, l, w)
            ORDER BY 1, 2, 3
            ON CONFLICT DO NOTHING
            RETURNING service_id, reporter, window_start
            """, "applying the duplicate rule")
        var inserted = Set<FirstReportKey>()
        for row in rows {
            let (service, bytes, window) = try row.columns((Int64, ByteBuffer, Int64).self, "first report")
            guard let reporter = ReporterHash(bytes: bytes.readableBytesView) else {
                throw StoreError.invalidStoredValue("first report: a reporter of \(bytes.readableBytes) bytes, not 16")
            }
            inserted.insert(FirstReportKey(serviceID: service, reporter: reporter, windowStart: window))
        }
        return inserted
    }

    private func upsertMinuteCounts(_ totals: [(key: MinuteKey, totals: MinuteTotals)]) throws(StoreError) {
        guard !totals.isEmpty else { return }
        try store.session.execute(
            """
            INSERT INTO minute_count (minute, service_id, region, problem, counted, duplicates, anonymous)
            SELECT * FROM unnest(\(totals.map(\.key.minute)), \(totals.map(\.key.serviceID)),
                \(totals.map(\.key.region)), \(totals.map(\.key.problem)), \(totals.map(\.totals.counted)),
                \(totals.map(\.totals.duplicates)), \(totals.map(\.totals.anonymous)))
            ON CONFLICT (minute, service_id, region, problem) DO UPDATE SET
                counted = minute_count.counted + excluded.counted,
                duplicates = minute_count.duplicates + excluded.duplicates,
                anonymous = minute_count.anonymous + excluded.anonymous
            """, "adding \(totals.count) per-minute counts")
    }

    /// Adds each relay's counted reports and raises the rows' `largest_relay` to the largest relay's total.
    private func upsertRelayCounts(_ totals: [(key: MinuteKey, relay: Int64, counted: Int64)]) throws(StoreError) {
        try store.session.execute(
            """
            WITH added AS (
                INSERT INTO relay_minute_count (minute, service_id, region, problem, token_id, counted)
                SELECT * FROM unnest(\(totals.map(\.key.minute)), \(totals.map(\.key.serviceID)),
                    \(totals.map(\.key.region)), \(totals.map(\.key.problem)), \(totals.map(\.relay)),
                    \(totals.map(\.counted)))
                ON CONFLICT (minute, service_id, region, problem, token_id) DO UPDATE SET
                    counted = relay_minute_count.counted + excluded.counted
                RETURNING minute, service_id, region, problem, counted
            ), largest AS (
                SELECT minute, service_id, region, problem, MAX(counted) AS counted FROM added
                GROUP BY minute, service_id, region, problem
            )
            UPDATE minute_count m SET largest_relay = GREATEST(m.largest_relay, largest.counted)
            FROM largest
            WHERE m.minute = largest.minute AND m.service_id = largest.service_id AND m.region = largest.region
                AND m.problem = largest.problem
            """, "adding relay counts")
    }

    /// The first service of `reports` that is not monitored (after reloading the ids once), or nil.
    private func firstUnknownService(in reports: [Report]) throws(StoreError) -> ServiceSlug? {
        guard let missing = reports.first(where: { serviceIDs[$0.service] == nil }) else { return nil }
        serviceIDs = try store.serviceIDs()
        guard serviceIDs[missing.service] != nil else { return missing.service }
        return reports.first { serviceIDs[$0.service] == nil }?.service
    }
}

/// One reporter's first report of a service in one cooldown window: the key of `report_first`.
struct FirstReportKey: Hashable, Comparable {
    var serviceID: Int64
    var reporter: ReporterHash
    var windowStart: Int64

    /// The order of the stored key (service, reporter bytes, window): the hash's big-endian halves compare
    /// like its bytes.
    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.serviceID, lhs.reporter, lhs.windowStart) < (rhs.serviceID, rhs.reporter, rhs.windowStart)
    }
}

/// One row of `minute_count`.
struct MinuteKey: Hashable, Comparable {
    var minute: Int64
    var serviceID: Int64
    var region: String
    var problem: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.minute, lhs.serviceID, lhs.region, lhs.problem) < (rhs.minute, rhs.serviceID, rhs.region, rhs.problem)
    }
}

struct MinuteTotals {
    var counted: Int64 = 0
    var duplicates: Int64 = 0
    var anonymous: Int64 = 0
}

/// The reports of one group commit, classified and aggregated before anything is sent.
private struct Batch {
    struct Row {
        var report: Report
        var hash: ReporterHash?
        var serviceID: Int64
        var request: Int
        var key: FirstReportKey?
        var classification = ReportClassification.anonymous
    }

    let cooldown: Int64
    var rows: [Row] = []

    init(cooldown: Int64) { self.cooldown = cooldown }

    mutating func add(_ report: Report, hash: ReporterHash?, serviceID: Int64, request: Int) {
        let key = hash.map {
            FirstReportKey(
                serviceID: serviceID, reporter: $0,
                windowStart: floorDiv(report.at.seconds, cooldown) * cooldown)
        }
        rows.append(Row(report: report, hash: hash, serviceID: serviceID, request: request, key: key))
    }

    /// The distinct keys of the batch's identified reports, sorted (the order every daemon locks them in).
    func firstReportKeys() -> [FirstReportKey] {
        Array(Set(rows.compactMap(\.key))).sorted()
    }

    /// The first report of each newly inserted key counts; every other identified report is a duplicate.
    mutating func classify(counting inserted: Set<FirstReportKey>) {
        var unclaimed = inserted
        for index in rows.indices {
            guard let key = rows[index].key else { continue }
            rows[index].classification = unclaimed.remove(key) != nil ? .counted : .duplicate
        }
    }

    /// Each request's classifications, in order, in one pass over the rows.
    func classificationsByRequest(count: Int) -> [[ReportClassification]] {
        var byRequest = [[ReportClassification]](repeating: [], count: count)
        for row in rows where row.request < count { byRequest[row.request].append(row.classification) }
        return byRequest
    }

    /// Per-minute totals, sorted by key.
    func minuteTotals() -> [(key: MinuteKey, totals: MinuteTotals)] {
        var totals: [MinuteKey: MinuteTotals] = [:]
        for row in rows {
            let key = minuteKey(row)
            switch row.classification {
            case .counted: totals[key, default: MinuteTotals()].counted += 1
            case .duplicate: totals[key, default: MinuteTotals()].duplicates += 1
            case .anonymous:
                totals[key, default: MinuteTotals()].counted += 1
                totals[key, default: MinuteTotals()].anonymous += 1
            }
        }
        return totals.sorted { $0.key < $1.key }.map { (key: $0.key, totals: $0.value) }
    }

    /// Each relay's counted reports per minute row, sorted by key.
    func relayTotals() -> [(key: MinuteKey, relay: Int64, counted: Int64)] {
        var totals: [MinuteKey: [Int64: Int64]] = [:]
        for row in rows where row.classification == .counted {
            guard let relay = row.report.relay else { continue }
            totals[minuteKey(row), default: [:]][relay, default: 0] += 1
        }
        return totals.sorted { $0.key < $1.key }.flatMap { key, relays in
            relays.sorted { $0.key < $1.key }.map { (key: key, relay: $0.key, counted: $0.value) }
        }
    }

    private func minuteKey(_ row: Row) -> MinuteKey {
        MinuteKey(
            minute: row.report.at.epochMinute, serviceID: row.serviceID, region: row.report.region.code,
            problem: row.report.problem.rawValue)
    }
}

extension Array where Element == [ReportClassification] {
    /// Moves the element at `index` out (leaving it empty), so it is not copied.
    fileprivate mutating func take(_ index: Int) -> [ReportClassification] {
        var taken: [ReportClassification] = []
        swap(&taken, &self[index])
        return taken
    }
}
