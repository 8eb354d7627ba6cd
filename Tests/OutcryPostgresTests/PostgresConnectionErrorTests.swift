import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import Testing

/// A store that cannot connect says so in one sentence naming the server and what to check: never a crash, a
/// hang, or the URL's password.
@Suite(.timeLimit(.minutes(10)))
struct PostgresConnectionErrorTests {
    static let password = "Hunter2-Sup3r-Secret"

    /// What opening a store on `url` throws (an issue when it opens).
    static func openingError(_ url: String, sourceLocation: SourceLocation = #_sourceLocation) -> StoreError? {
        let outcome = PostgresTesting.withinSeconds(60, sourceLocation: sourceLocation) {
            Result { () throws(StoreError) in
                let store = try PostgresTesting.openStore(url)
                store.close()
            }
        }
        guard case .failure(let error)? = outcome else {
            if case .success? = outcome { Issue.record("\(url) opened", sourceLocation: sourceLocation) }
            return nil
        }
        #expect(!"\(error)".contains(password), "the password leaked: \(error)", sourceLocation: sourceLocation)
        #expect(
            !String(reflecting: error).contains(password), "the password leaked: \(String(reflecting: error))",
            sourceLocation: sourceLocation)
        return error
    }

    /// URLs with a password that are refused before any connection is tried.
    static let unusableURLs = [
        "postgresql://outcry:\(password)@127.0.0.1:99999/outcry",
        "postgresql://outcry:\(password)@127.0.0.1/outcry?sslmode=sometimes",
        "postgresql://outcry:\(password)@127.0.0.1/outcry?password=\(password)",
        "postgresql://outcry:\(password)@/outcry",
        "postgresql://outcry:\(password)@127.0.0.1",
        "postgresql://outcry:\(password)%zz@127.0.0.1/outcry",
        "postgresql://outcry:\(password)@bad host/outcry",
    ]

    /// The test server's URL with `password` and the given database.
    static func serverURL(database: String, query: String = "") throws -> String {
        let server = try PostgresLocation(url: try #require(TestBackend.postgresURL))
        let host = server.host.contains(":") ? "[\(server.host)]" : server.host
        return "postgresql://\(server.user):\(password)@\(host):\(server.port)/\(database)\(query)"
    }

    /// Port 1 on loopback: nothing listens there (a privileged port no test machine serves). Needs no server.
    @Test func nothingListeningIsAClearConnectError() throws {
        let error = try #require(Self.openingError("postgresql://outcry:\(Self.password)@127.0.0.1:1/outcry"))
        guard case .cannotConnect(let server, let reason) = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(server == "outcry@127.0.0.1:1/outcry")
        #expect(reason.contains("is PostgreSQL running and listening on 127.0.0.1:1?"), "\(reason)")
        #expect("\(error)".hasPrefix("cannot connect to PostgreSQL at outcry@127.0.0.1:1/outcry: "))
    }

    /// URLs refused before connecting: the part named, the password in none of them. Needs no server.
    @Test(arguments: PostgresConnectionErrorTests.unusableURLs)
    func aURLThatCannotBeUsedIsRefusedWithoutThePassword(url: String) throws {
        let error = try #require(Self.openingError(url))
        guard case .cannotConnect(let server, let reason) = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(server == "the given URL")
        #expect(reason.hasPrefix("the PostgreSQL URL's "), "\(reason)")
    }

    @Test(.enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
    func aMissingDatabaseSaysHowToCreateIt() throws {
        let name = "outcry_missing_\(UInt32.random(in: 0...UInt32.max))"
        let error = try #require(Self.openingError(try Self.serverURL(database: name)))
        guard case .cannotConnect(let server, let reason) = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(server.hasSuffix("/\(name)"))
        #expect(reason.contains("createdb"), "\(reason)")
        #expect(reason.contains(name), "\(reason)")
    }

    /// `sslmode=require` against a server without TLS (the test server has none): refused, not downgraded.
    @Test(.enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
    func requiredTLSAgainstAServerWithoutItIsRefused() throws {
        let error = try #require(Self.openingError(try Self.serverURL(database: "postgres", query: "?sslmode=require")))
        guard case .cannotConnect(_, let reason) = error else {
            Issue.record("expected cannotConnect, got \(error)")
            return
        }
        #expect(reason.contains("TLS"), "\(reason)")
    }
}
