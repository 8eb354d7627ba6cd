import Logging
import NIOCore
import NIOPosix
import NIOSSL
package import OutcryStore
package import PostgresNIO
import Synchronization

/// One PostgreSQL connection used synchronously from the engine's own thread, as the SQLite connection is:
/// queries block that thread on the driver's futures (never the cooperative pool).
///
/// Not `Sendable`: one owner at a time.
package final class PostgresSession {
    package let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
    private let bridge = BlockingBridge()
    private let isClosed = Atomic<Bool>(false)
    /// The answer being waited for; failed by the connection's close callback (one callback per connection,
    /// not one per query, so answered queries are not kept alive until the connection closes).
    private let pending = PendingAnswer()

    /// Connects and authenticates.
    /// - Throws: ``StoreError/cannotConnect(server:reason:)`` saying what went wrong (refused, unknown host,
    ///   wrong password, missing database, timeout) and what to check.
    package init(location: PostgresLocation, logger: Logger, connectTimeoutSeconds: Int64 = 10) throws(StoreError) {
        self.location = location
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        configuration.options.additionalStartupParameters = [("application_name", "outcry")]
        if location.requiresTLS {
            do {
                configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw .cannotConnect(server: location.description, reason: "cannot set up TLS: \(error)")
            }
            configuration.options.tlsServerName = location.host
        }
        let id = Self.nextID.add(1, ordering: .relaxed).newValue
        let frozen = configuration
        do {
            connection = try bridge.run {
                try await PostgresConnection.connect(configuration: frozen, id: id, logger: logger)
            }
        } catch {
            throw .cannotConnect(server: location.description, reason: PostgresErrors.connectReason(error, location))
        }
        let pending = pending
        connection.closeFuture.whenComplete { _ in pending.promise.withLock { $0?.fail(ConnectionLost()) } }
    }

    deinit { close() }

    private static let nextID = Atomic<Int>(0)

    /// Runs one statement and returns every row.
    @discardableResult
    package func query(_ query: PostgresQuery, _ context: @autoclosure () -> String) throws(StoreError)
        -> [PostgresRow]
    {
        Array(try result(of: query, context()).rows)
    }

    /// Runs one statement; returns how many rows it changed (INSERT, UPDATE, DELETE).
    @discardableResult
    package func execute(_ query: PostgresQuery, _ context: @autoclosure () -> String) throws(StoreError) -> Int {
        try result(of: query, context()).metadata.rows ?? 0
    }

    /// Runs SQL text that may hold several statements and no parameters (migrations, BEGIN, COMMIT), one
    /// statement after the other.
    package func run(_ sql: String, _ context: @autoclosure () -> String) throws(StoreError) {
        for statement in PostgresScript.statements(sql) {
            _ = try result(of: PostgresQuery(unsafeSQL: statement), context())
        }
    }

    /// Sends `query` and waits for its result, or for the connection to close: the driver never answers a
    /// query written to a connection the server has already closed (a restart, a failover, an administrator's
    /// `pg_terminate_backend`), so waiting on the query alone would hang the engine's thread for good.
    private func result(of query: PostgresQuery, _ context: String) throws(StoreError) -> PostgresQueryResult {
        guard !connection.isClosed else { throw Self.connectionLost(context) }
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        pending.promise.withLock { $0 = answer }
        defer { pending.promise.withLock { $0 = nil } }
        // The close callback (registered once, in init) may have run before the promise was stored.
        if connection.isClosed { answer.fail(ConnectionLost()) }
        connection.query(query, logger: logger).cascade(to: answer)
        do {
            return try answer.futureResult.wait()
        } catch is ConnectionLost {
            throw Self.connectionLost(context)
        } catch {
            throw PostgresErrors.failure(error, context: context)
        }
    }

    /// The connection is gone: every later call fails the same way, and the failure counts as "cannot write
    /// right now" (the daemon answers 503 until the store has connected again, see ``PostgresStore``).
    static func connectionLost(_ context: String) -> StoreError {
        .postgres(
            PostgresFailure(sqlState: "08006", message: "the connection to the server was lost", context: context))
    }

    /// Whether the server connection has gone away.
    package var isConnectionLost: Bool { connection.isClosed }

    private struct ConnectionLost: Error {}

    /// `COPY table (columns) FROM STDIN` in the text format; `data` is already escaped (see ``PostgresCopyText``).
    package func copy(into table: String, columns: [String], data: ByteBuffer, _ context: @autoclosure () -> String)
        throws(StoreError)
    {
        let connection = connection
        let logger = logger
        guard !connection.isClosed else { throw Self.connectionLost(context()) }
        do {
            try bridge.run(abandonWhen: connection.closeFuture) {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            }
        } catch is Abandoned {
            throw Self.connectionLost(context())
        } catch {
            throw PostgresErrors.failure(error, context: context())
        }
    }

    /// Closes the connection (idempotent); a session lock it held is released by the server.
    package func close() {
        guard !isClosed.exchange(true, ordering: .relaxed) else { return }
        try? connection.close().wait()
    }
}

/// The promise a session is waiting on, shared with the connection's close callback.
private final class PendingAnswer: Sendable {
    let promise = Mutex<EventLoopPromise<PostgresQueryResult>?>(nil)
}
