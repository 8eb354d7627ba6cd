import Foundation
package import Logging
package import OutcryEngine
import OutcryModel
import OutcryPostgres
import OutcryStore
import PostgresNIO

/// The storage backends a behaviour test runs against: SQLite always; PostgreSQL when
/// `OUTCRY_TEST_POSTGRES_URL` names a server (Scripts/with-postgres.sh sets it, and CI runs the tests so).
package enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    package var description: String { rawValue }

    /// The server the PostgreSQL tests use, or nil.
    package static var postgresURL: String? {
        ProcessInfo.processInfo.environment["OUTCRY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// SQLite, and PostgreSQL when a server is given.
    package static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    /// A fresh, empty database of this backend: `database` is what `--db` takes.
    package func makeDatabase() throws -> TestDatabase {
        try makeTestDatabase()
    }

    /// Runs `body` on an engine over a fresh database of this backend, dropped afterwards.
    package func withEngine<T>(clock: any TimeSource, _ body: (Engine) throws -> T) throws -> T {
        try makeDatabase().withEngine(clock: clock, body)
    }

    private func makeTestDatabase() throws -> TestDatabase {
        switch self {
        case .sqlite:
            let folder = TemporaryDirectory(prefix: "outcry-backend")
            return TestDatabase(database: folder.path("outcry.sqlite"), keep: folder, drop: nil)
        case .postgresql:
            guard let server = Self.postgresURL else { throw TestBackendError.noServer }
            let name = "outcry_test_\(UInt64.random(in: 0...UInt64.max))"
            try PostgresAdmin.run("CREATE DATABASE \(name)", server: server)
            let url = server.replacingLastPathComponent(with: name)
            return TestDatabase(
                database: url, keep: nil,
                drop: { try? PostgresAdmin.run("DROP DATABASE \(name) WITH (FORCE)", server: server) })
        }
    }
}

/// A throwaway database: ``drop()`` removes it (PostgreSQL's DROP DATABASE; SQLite's folder goes with the
/// object). Dropping is explicit, never left to `deinit`, so it can never cut off an engine still in use.
package final class TestDatabase: @unchecked Sendable {
    /// What `--db` takes: a path or a `postgresql://` URL.
    package let database: String
    private let keep: TemporaryDirectory?
    private let dropDatabase: (() -> Void)?

    init(database: String, keep: TemporaryDirectory?, drop: (() -> Void)?) {
        self.database = database
        self.keep = keep
        self.dropDatabase = drop
    }

    /// Drops the database (close its engines first).
    package func drop() { dropDatabase?() }

    /// Runs `body` on a new engine over the database, then closes the engine and drops the database.
    package func withEngine<T>(clock: any TimeSource, _ body: (Engine) throws -> T) throws -> T {
        defer { drop() }
        let engine = try openEngine(clock: clock)
        defer { engine.close() }
        return try body(engine)
    }

    /// A new engine on the database; the caller closes it.
    package func openEngine(clock: any TimeSource, logger: Logger = Logger(label: "outcry-test")) throws -> Engine {
        try Engine.open(database: database, clock: clock, logger: logger)
    }
}

enum TestBackendError: Error, CustomStringConvertible {
    case noServer

    var description: String { "OUTCRY_TEST_POSTGRES_URL is not set" }
}

/// Administrative statements (CREATE/DROP DATABASE) on the test server, outside any transaction.
package enum PostgresAdmin {
    package static func run(_ sql: String, server: String) throws {
        let location = try PostgresLocation(url: server)
        let session = try PostgresSession(location: location, logger: Logger(label: "outcry-test-admin"))
        defer { session.close() }
        try session.run(sql, "administering the test server")
    }
}

extension String {
    /// The URL with its database (the last path component, before any query) replaced.
    fileprivate func replacingLastPathComponent(with name: String) -> String {
        let (base, query) = split(separator: "?", maxSplits: 1).map(String.init).pairOrSingle
        guard let slash = base.lastIndex(of: "/") else { return self }
        return String(base[...slash]) + name + (query.map { "?" + $0 } ?? "")
    }
}

extension Array where Element == String {
    fileprivate var pairOrSingle: (String, String?) { (self.first ?? "", count > 1 ? self[1] : nil) }
}
