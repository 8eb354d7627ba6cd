import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// A store whose server connection is cut (a restart, a failover, an administrator's `pg_terminate_backend`)
/// fails at once with an error meaning "cannot write right now", instead of hanging the engine's thread on a
/// query nobody will answer, and connects again on a later call.
@Suite(.timeLimit(.minutes(10)), .enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
struct PostgresConnectionLostTests {
    /// Terminates every other `outcry` connection to the session's database (only this test's database: other
    /// tests share the server) and waits until they are gone; returns how many it ended.
    static func terminateOtherConnections(_ admin: PostgresSession) throws -> Int {
        let rows = try admin.query(
            """
            SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
            WHERE application_name = 'outcry' AND pid <> pg_backend_pid() AND datname = current_database()
            """, "terminating the store's connection")
        return try rows.filter { row in try row.columns(Bool.self, "terminated") }.count
    }

    /// Checks `outcome` is a lost-connection failure: a PostgreSQL failure that counts as unwritable.
    static func expectLostConnection<T>(
        _ outcome: Result<T, StoreError>?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .failure(let error)? = outcome else {
            if outcome != nil { Issue.record("\(what) succeeded on a lost connection", sourceLocation: sourceLocation) }
            return
        }
        guard case .postgres(let failure) = error else {
            Issue.record("\(what): expected a PostgreSQL failure, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(failure.isUnwritable, "\(what): \(failure)", sourceLocation: sourceLocation)
        #expect(error.isUnwritable, "\(what): \(error)", sourceLocation: sourceLocation)
    }

    /// After the cut, the call that finds the connection lost may fail (at once, never hanging, as
    /// "cannot write right now"); the calls after it connect again and work, without restarting anything.
    @Test func aTerminatedConnectionIsReplacedByTheNextCall() throws {
        try PostgresTesting.withDatabase { url in
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            let store = try PostgresTesting.openStoreWithService(url, reconnectPause: .zero)
            let writer = try store.makeReportWriter()
            let report = try PostgresTesting.report()
            #expect(try writer.write([report], receivedAt: PostgresTesting.now) == [.anonymous])

            #expect(try Self.terminateOtherConnections(admin) == 1)

            // Each call runs on its own thread with a deadline: a hang fails here, naming the call.
            let shared = SingleOwner((store, writer))
            let firstTry = PostgresTesting.withinSeconds(30) {
                Result { () throws(StoreError) in try shared.value.1.write([report], receivedAt: PostgresTesting.now) }
            }
            if case .failure = firstTry { Self.expectLostConnection(firstTry, "the write that found the cut") }
            let secondTry = PostgresTesting.withinSeconds(30) {
                Result { () throws(StoreError) in try shared.value.1.write([report], receivedAt: PostgresTesting.now) }
            }
            #expect(throws: Never.self, "the write after the cut") { try secondTry?.get() }
            let read = PostgresTesting.withinSeconds(30) {
                Result { () throws(StoreError) in try shared.value.0.services().map(\.slug.rawValue) }
            }
            #expect(try read?.get() == ["whatsapp"])
            // The failed write stored nothing; each successful one stored its report.
            let successes = [firstTry, secondTry].filter { if case .success = $0 { true } else { false } }.count
            #expect(try PostgresTesting.integer(admin, "SELECT count(*) FROM report") == 1 + successes)
            #expect(try Self.terminateOtherConnections(admin) == 1, "one connection again, not a leaked one")
            let closed = PostgresTesting.withinSeconds(30) {
                shared.value.0.close()
                return true
            }
            #expect(closed == true)
        }
    }

    /// While the server refuses connections, calls fail at once as "cannot write right now" and at most one
    /// of them tries to connect per pause; once it accepts connections again, the next call works.
    @Test func whileTheServerRefusesConnectionsOneAttemptIsMadePerPause() throws {
        try PostgresTesting.withDatabase { url in
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            let patient = try PostgresTesting.openStoreWithService(url, reconnectPause: .seconds(3600))
            let eager = try PostgresTesting.openStore(url, reconnectPause: .zero)
            let database = try #require(
                try admin.query("SELECT current_database()", "the database").first?.columns(String.self, "name"))
            let quoted = "\"" + database.filter { $0 != "\"" } + "\""
            // From the server's own maintenance database: a database cannot refuse the session changing it.
            var maintenance = try PostgresLocation(url: url)
            maintenance.database = "postgres"
            let keeper = try PostgresSession(location: maintenance, logger: PostgresTesting.logger)
            defer { keeper.close() }
            try keeper.run("ALTER DATABASE \(quoted) ALLOW_CONNECTIONS false", "refusing connections")
            defer { try? keeper.run("ALTER DATABASE \(quoted) ALLOW_CONNECTIONS true", "accepting connections") }
            #expect(try Self.terminateOtherConnections(admin) == 2)

            let shared = SingleOwner((patient, eager))
            let refused = try #require(
                PostgresTesting.withinSeconds(60) {
                    (0..<4).map { _ in Result { () throws(StoreError) in try shared.value.0.services().count } }
                })
            var attempts = 0
            for outcome in refused {
                guard case .failure(let error) = outcome else {
                    Issue.record("a call succeeded while the database refused connections")
                    continue
                }
                #expect(error.isUnwritable, "\(error)")
                if case .cannotConnect = error { attempts += 1 }
            }
            #expect(attempts == 1, "one connection attempt in the pause, not one per call")

            try keeper.run("ALTER DATABASE \(quoted) ALLOW_CONNECTIONS true", "accepting connections")
            let recovered = PostgresTesting.withinSeconds(60) {
                (0..<2).map { _ in Result { () throws(StoreError) in try shared.value.1.services().count } }
            }
            #expect(try recovered?.last?.get() == 1, "the store with no pause connected again")
            shared.value.0.close()
            shared.value.1.close()
        }
    }

    /// Cut inside a transaction: the transaction fails (its rollback does not hang on the dead connection) and
    /// nothing of it is committed.
    @Test func aConnectionLostInsideATransactionFailsIt() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStore(url)
            let gmail = MonitoredService.fixture("gmail", group: "google")
            let shared = SingleOwner(store)
            let outcome = PostgresTesting.withinSeconds(60) {
                Result { () throws(StoreError) in
                    try StoreError.catching("a transaction") {
                        try shared.value.inTransaction {
                            _ = try shared.value.addService(.fixture(), now: PostgresTesting.now)
                            // From a session of its own, which the termination spares.
                            let killer = try PostgresTesting.session(url)
                            defer { killer.close() }
                            _ = try Self.terminateOtherConnections(killer)
                            _ = try shared.value.addService(gmail, now: PostgresTesting.now)
                        }
                    }
                }
            }
            Self.expectLostConnection(outcome, "a transaction")
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            #expect(try PostgresTesting.integer(admin, "SELECT count(*) FROM service") == 0)
            let closed = PostgresTesting.withinSeconds(30) {
                shared.value.close()
                return true
            }
            #expect(closed == true)
        }
    }
}

/// Hands a non-`Sendable` value (a store and its writer) to one helper thread at a time.
/// `@unchecked Sendable`: the test thread does not touch `value` while a helper thread runs with it (it waits
/// for that thread, or gives up on it after a hang and never touches the value again).
struct SingleOwner<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
