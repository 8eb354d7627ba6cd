import Dispatch
import Foundation
import Logging
import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// What the PostgreSQL tests share: a fresh database per test, a second session for raw SQL next to the store,
/// and blocking store work on real threads (never the cooperative pool, which has two threads here and which a
/// store call blocked on a lock would starve).
enum PostgresTesting {
    static let logger = Logger(label: "outcry-postgres-test")

    /// 2024-03-05T15:00:00Z: a multiple of the 900-second duplicate cooldown, so one cooldown window starts here.
    static let now = Instants.outageAfternoon

    /// Whether a server is given (`Scripts/with-postgres.sh` sets `OUTCRY_TEST_POSTGRES_URL`).
    static var hasServer: Bool { TestBackend.postgresURL != nil }

    /// The UTC day number of `instant` (`report_dN` holds day N).
    static func day(_ instant: Timestamp) -> Int64 { floorDiv(instant.seconds, 86_400) }

    /// Runs `body` with the URL of a new, empty database, dropped afterwards (with any session left on it).
    static func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
        let database = try TestBackend.postgresql.makeDatabase()
        defer { database.drop() }
        return try body(database.database)
    }

    /// A store on `url` (connects, migrates, loads the settings), as a daemon opens it.
    static func openStore(_ url: String, now: Timestamp = now, reconnectPause: Duration = .seconds(1))
        throws(StoreError) -> PostgresStore
    {
        try PostgresStore(url: url, now: now, logger: logger, reconnectPause: reconnectPause)
    }

    /// A store on `url` monitoring `whatsapp`.
    static func openStoreWithService(_ url: String, reconnectPause: Duration = .seconds(1)) throws -> PostgresStore {
        let store = try openStore(url, reconnectPause: reconnectPause)
        _ = try store.addService(.fixture(), now: now)
        return store
    }

    /// A plain session on `url` for the SQL the store does not offer (catalog reads, raw rows).
    static func session(_ url: String) throws -> PostgresSession {
        try PostgresSession(location: PostgresLocation(url: url), logger: logger)
    }

    /// The single bigint that `sql` selects.
    static func integer(_ session: PostgresSession, _ sql: String) throws -> Int64 {
        let row = try #require(try session.query(PostgresQuery(unsafeSQL: sql), sql).first, "no row: \(sql)")
        return try row.columns(Int64.self, sql)
    }

    /// The names of the partitions of `report`, sorted.
    static func reportPartitions(_ session: PostgresSession) throws -> [String] {
        try session.query(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'report' ORDER BY c.relname
            """, "listing partitions"
        ).map { row in try row.columns(String.self, "partition name") }
    }

    /// A `whatsapp` report.
    static func report(
        at: Timestamp = now, reporter: String? = nil, region: String = "US", problem: ProblemKind = .login,
        comment: String? = nil
    ) throws -> Report {
        Report(
            service: try #require(ServiceSlug(rawValue: "whatsapp")), region: try Region.parse(region),
            problem: problem, at: at, reporter: reporter, comment: comment, source: .http)
    }

    /// Runs `body(0)`, `body(1)`, … each on its own thread, released together, and returns their results in
    /// order. A thread still running after `timeoutSeconds` is recorded as an issue (a hang) and gives nil.
    static func onThreads<T: Sendable>(
        _ count: Int, timeoutSeconds: Int = 180, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: @escaping @Sendable (Int) -> T
    ) -> [T?] {
        let results = ThreadResults<T>(count: count)
        let finished = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        for index in 0..<count {
            finished.enter()
            let thread = Thread {
                go.wait()
                results.set(index, body(index))
                finished.leave()
            }
            thread.start()
        }
        for _ in 0..<count { go.signal() }
        if finished.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
            Issue.record(
                "a thread was still running after \(timeoutSeconds) s (a hang)", sourceLocation: sourceLocation)
        }
        return results.values
    }

    /// Runs `body` on its own thread and returns its result; nil (and an issue) when it has not returned within
    /// `timeoutSeconds`: the guard that turns a hang into a failure naming itself.
    static func withinSeconds<T: Sendable>(
        _ timeoutSeconds: Int, sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping @Sendable () -> T
    ) -> T? {
        onThreads(1, timeoutSeconds: timeoutSeconds, sourceLocation: sourceLocation) { _ in body() }[0]
    }
}

/// The threads' results. `@unchecked Sendable`: every read and write of `stored` holds `lock`.
private final class ThreadResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [T?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { stored[index] = value } }

    var values: [T?] { lock.withLock { stored } }
}
