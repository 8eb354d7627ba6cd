package import Logging
package import OutcryModel
package import OutcryStore
import PostgresNIO

/// The Outcry store on PostgreSQL: the same ``OutcryStorage`` as the SQLite file, for several daemons (and
/// CLI commands) sharing one database. One connection; its calls block the owner's thread like SQLite's.
///
/// When the connection is lost (the server restarted, a standby was promoted, a network cut), the call that
/// finds it lost fails, and the next call outside a transaction connects again — at most once per
/// `reconnectPause`, so a server that stays down costs one attempt per pause, not one per request. A new
/// connection holds no detector lead (the lock died with the old one) and re-checks the day partitions.
///
/// Not `Sendable`: one owner at a time (a CLI command, or one of the daemon's engine threads).
package final class PostgresStore {
    private var connection: PostgresSession
    private let server: PostgresLocation
    private let reconnectPause: Duration
    private var lastReconnectAttempt: ContinuousClock.Instant?
    let logger: Logger
    package let location: StorageLocation
    package let reporterSecret: [UInt8]
    package private(set) var duplicateCooldownSeconds: Int64
    /// Open `inTransaction` calls: only the outermost begins and commits.
    private var transactionDepth = 0
    /// Whether this connection holds the detector lead (a session advisory lock).
    var holdsDetectorLead = false
    /// The report day partitions this connection knows exist (see ``ensureReportPartitions(days:)``).
    var knownReportDays: Set<Int64> = []

    /// Connects to `url`, migrates the schema as needed and loads the per-database settings.
    /// - Throws: ``StoreError/cannotConnect(server:reason:)`` (unreachable, refused credentials, no such
    ///   database, a URL that cannot be used), ``StoreError/schemaTooNew(databaseVersion:supportedVersion:)``.
    package init(url: String, now: Timestamp, logger: Logger, reconnectPause: Duration = .seconds(1))
        throws(StoreError)
    {
        let parsed: PostgresLocation
        do {
            parsed = try PostgresLocation(url: url)
        } catch {
            throw .cannotConnect(server: "the given URL", reason: error.description)
        }
        self.logger = logger
        server = parsed
        self.reconnectPause = reconnectPause
        let session = try PostgresSession(location: parsed, logger: logger)
        connection = session
        location = .postgres(server: parsed.description)
        try PostgresMigrator().migrate(session, appliedAt: now.seconds)
        reporterSecret = try Self.loadOrCreateSecret(session)
        duplicateCooldownSeconds =
            try Self.setting("duplicate_cooldown_seconds", in: session).flatMap { Int64($0) }
            ?? OutcryDatabase.defaultDuplicateCooldownSeconds
    }

    /// The open connection: the current one, or — when it was lost and no transaction is open — a new one.
    /// - Throws: ``StoreError/cannotConnect(server:reason:)`` when reconnecting fails, or the lost
    ///   connection's error when the last attempt was less than `reconnectPause` ago.
    var session: PostgresSession {
        get throws(StoreError) {
            guard connection.isConnectionLost, transactionDepth == 0 else { return connection }
            return try reconnect()
        }
    }

    private func reconnect() throws(StoreError) -> PostgresSession {
        let now = ContinuousClock.now
        if let last = lastReconnectAttempt, now - last < reconnectPause {
            throw PostgresSession.connectionLost("waiting to reconnect to \(server.description)")
        }
        lastReconnectAttempt = now
        let replacement = try PostgresSession(location: server, logger: logger)
        connection.close()
        connection = replacement
        holdsDetectorLead = false
        knownReportDays = []
        lastReconnectAttempt = nil
        logger.notice("reconnected to PostgreSQL", metadata: ["server": "\(server.description)"])
        return replacement
    }

    // MARK: - Settings

    static func setting(_ name: String, in session: PostgresSession) throws(StoreError) -> String? {
        let rows = try session.query("SELECT value FROM setting WHERE name = \(name)", "reading setting \(name)")
        guard let row = rows.first else { return nil }
        return try row.columns(String.self, "setting \(name)")
    }

    /// The reporter-hash secret: made once per database (by whichever process gets there first).
    private static func loadOrCreateSecret(_ session: PostgresSession) throws(StoreError) -> [UInt8] {
        let hex = ReporterHasher.makeSecret().hexString
        try session.execute(
            "INSERT INTO setting (name, value) VALUES ('reporter_secret', \(hex)) ON CONFLICT (name) DO NOTHING",
            "creating the reporter secret")
        guard let stored = try setting("reporter_secret", in: session), let bytes = [UInt8](hex: stored),
            !bytes.isEmpty
        else {
            throw .invalidStoredValue("setting reporter_secret is not hex digits")
        }
        return bytes
    }
}

extension PostgresStore: OutcryStorage {
    package func setDuplicateCooldown(seconds: Int64) throws(StoreError) {
        try session.execute(
            """
            INSERT INTO setting (name, value) VALUES ('duplicate_cooldown_seconds', \(String(seconds)))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, "saving the duplicate cooldown")
        duplicateCooldownSeconds = seconds
    }

    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try session.run("BEGIN", "starting a transaction")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try session.run("COMMIT", "committing")
            return result
        } catch {
            try? session.run("ROLLBACK", "rolling back")
            throw error
        }
    }

    package func withSavepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let quoted = "\"" + name.filter { $0 != "\"" } + "\""
        try session.run("SAVEPOINT \(quoted)", "setting a savepoint")
        do {
            let result = try body()
            try session.run("RELEASE SAVEPOINT \(quoted)", "releasing a savepoint")
            return result
        } catch {
            try? session.run("ROLLBACK TO SAVEPOINT \(quoted)", "rolling back to a savepoint")
            try? session.run("RELEASE SAVEPOINT \(quoted)", "releasing a savepoint")
            throw error
        }
    }

    package func makeReportWriter() throws(StoreError) -> any ReportSink {
        PostgresReportWriter(store: self)
    }

    /// Every later transaction on this connection is read-only.
    package func refuseWrites() throws(StoreError) {
        try session.run("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "making the connection read-only")
    }

    /// Nothing is buffered on the client: PostgreSQL's own WAL makes every commit durable.
    package func checkpoint() throws(StoreError) {}

    package func close() { connection.close() }
}
