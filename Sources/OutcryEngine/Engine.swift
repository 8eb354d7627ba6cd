package import Logging
import OutcryModel
package import OutcryStore

/// The use cases shared by the CLI and the daemon, over one open store (SQLite or PostgreSQL).
///
/// Not `Sendable`: it owns the store's connection. The CLI uses it directly; the daemon gives each of its
/// engines (one writer, one read-only reader) to an `EngineWorker` in OutcryServer, a dedicated thread that
/// runs the jobs sent to it one at a time, so blocking store calls stay off Swift's cooperative pool.
///
/// The CLI and the server reach storage only through the engine's methods; ``storage`` and ``store(_:)`` are
/// for the engine's own use cases and for tests.
package final class Engine {
    package let storage: any OutcryStorage
    package let clock: any TimeSource
    package let logger: Logger
    /// This process among the daemons sharing a store (`host/pid`), recorded with the ticks it commits.
    package let identity: String = ProcessIdentity.current
    private var writer: (any ReportSink)?

    /// Opens (creating and migrating as needed) the SQLite database at `path`.
    package convenience init(
        path: String, options: StoreOptions = StoreOptions(), clock: any TimeSource, logger: Logger
    ) throws(EngineError) {
        let database: OutcryDatabase
        do {
            database = try OutcryDatabase(path: path, options: options, now: clock.now())
        } catch {
            throw .store(error)
        }
        self.init(storage: database, clock: clock, logger: logger)
    }

    /// An engine over an open store; the engine owns it from now on.
    package init(storage: any OutcryStorage, clock: any TimeSource, logger: Logger) {
        self.storage = storage
        self.clock = clock
        self.logger = logger
    }

    /// Which backend this engine stores in, and where (a PostgreSQL URL without its password).
    package var storageLocation: StorageLocation { storage.location }

    /// The secret reporter ids are hashed under (the daemon hashes on its request threads).
    package var reporterSecret: [UInt8] { storage.reporterSecret }

    /// Reports from the same reporter and service closer together than this count once.
    package var duplicateCooldownSeconds: Int64 { storage.duplicateCooldownSeconds }

    /// The shared report writer (prepared statements and caches live as long as the engine).
    package func reportWriter() throws(EngineError) -> any ReportSink {
        if let writer { return writer }
        do {
            let created = try storage.makeReportWriter()
            writer = created
            return created
        } catch {
            throw .store(error)
        }
    }

    /// Makes this engine's connection refuse writes (the daemon's reader).
    package func refuseWrites() throws(EngineError) {
        try store { try $0.refuseWrites() }
    }

    /// Runs a store call, wrapping a ``StoreError`` in ``EngineError/store(_:)``.
    package func store<T>(_ body: (any OutcryStorage) throws -> T) throws(EngineError) -> T {
        do {
            return try body(storage)
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidArgument("\(error)")
        }
    }

    /// Runs `body` in one store transaction (see ``OutcryStorage/inTransaction(_:)``).
    package func transaction<T>(_ body: (any OutcryStorage) throws -> T) throws(EngineError) -> T {
        try store { storage in try storage.inTransaction { try body(storage) } }
    }

    /// Flushes what the store buffers (SQLite's write-ahead log), on a clean shutdown.
    package func checkpoint() throws(EngineError) {
        try store { try $0.checkpoint() }
    }

    package func close() {
        try? storage.checkpoint()
        storage.close()
    }
}
