import OutcryStore
import Testing

/// Which PostgreSQL failures mean "cannot write right now" (the daemon answers 503 and retries): a lost
/// connection, a server shutting down or out of resources, a read-only transaction. Needs no server.
@Suite(.timeLimit(.minutes(10)))
struct PostgresFailureTests {
    static let unwritable: [String?] = [nil, "08006", "08003", "57P01", "57P03", "53100", "53300", "25006"]
    static let refused: [String?] = ["23505", "40P01", "42P07", "22021", "42601"]

    @Test(arguments: unwritable)
    func connectionAndResourceFailuresAreUnwritable(sqlState: String?) {
        let failure = PostgresFailure(sqlState: sqlState, message: "m", context: "c")
        #expect(failure.isUnwritable)
        #expect(StoreError.postgres(failure).isUnwritable, "StoreError disagrees with its PostgresFailure")
    }

    @Test(arguments: refused)
    func statementFailuresAreNotUnwritable(sqlState: String?) {
        let failure = PostgresFailure(sqlState: sqlState, message: "m", context: "c")
        #expect(!failure.isUnwritable)
        #expect(!StoreError.postgres(failure).isUnwritable)
    }
}
