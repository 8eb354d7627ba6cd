import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// A store whose server connection is cut (a restart, a failover, an administrator's `pg_terminate_backend`)
/// fails its next calls at once with an error meaning "cannot write right now", instead of hanging the engine's
/// thread on a query nobody will answer.
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

    @Test func theNextCallsAfterATerminatedConnectionFailAtOnce() throws {
        try PostgresTesting.withDatabase { url in
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            let store = try PostgresTesting.openStoreWithService(url)
            let writer = try store.makeReportWriter()
            let report = try PostgresTesting.report()
            #expect(try writer.write([report], receivedAt: PostgresTesting.now) == [.anonymous])

            #expect(try Self.terminateOtherConnections(admin) == 1)

            // Each call runs on its own thread with a deadline: a hang fails here, naming the call.
            let shared = SingleOwner((store, writer))
            let written = PostgresTesting.withinSeconds(30) {
                Result { () throws(StoreError) in try shared.value.1.write([report], receivedAt: PostgresTesting.now) }
            }
            Self.expectLostConnection(written, "a report write")
            let read = PostgresTesting.withinSeconds(30) {
                Result { () throws(StoreError) in try shared.value.0.services() }
            }
            Self.expectLostConnection(read, "a read")
            let closed = PostgresTesting.withinSeconds(30) {
                shared.value.0.close()
                return true
            }
            #expect(closed == true)
            // Nothing of the failed write reached the database.
            #expect(try PostgresTesting.integer(admin, "SELECT count(*) FROM report") == 1)
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
