package import Logging
import OutcryModel
package import OutcryStore

/// The use cases shared by the CLI and the daemon, over one open database.
///
/// Not `Sendable`: it owns the database connection. The CLI uses it directly; the daemon gives each of its
/// engines (one writer, one read-only reader) to an `EngineWorker` in OutcryServer, a dedicated thread that
/// runs the jobs sent to it one at a time, so blocking SQLite calls stay off Swift's cooperative pool.
package final class Engine {
    package let database: OutcryDatabase
    package let clock: any TimeSource
    package let logger: Logger
    private var writer: ReportWriter?

    /// Opens (creating and migrating as needed) the database at `path`.
    package init(path: String, options: StoreOptions = StoreOptions(), clock: any TimeSource, logger: Logger)
        throws(EngineError)
    {
        do {
            database = try OutcryDatabase(path: path, options: options, now: clock.now())
        } catch {
            throw .store(error)
        }
        self.clock = clock
        self.logger = logger
    }

    /// The shared report writer (prepared statements and caches live as long as the engine).
    package func reportWriter() throws(EngineError) -> ReportWriter {
        if let writer { return writer }
        do {
            let created = try ReportWriter(database: database)
            writer = created
            return created
        } catch {
            throw .store(error)
        }
    }

    /// Runs a store call, wrapping a ``StoreError`` in ``EngineError/store(_:)``.
    package func store<T>(_ body: (OutcryDatabase) throws -> T) throws(EngineError) -> T {
        do {
            return try body(database)
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidArgument("\(error)")
        }
    }

    package func close() {
        try? database.checkpoint()
        database.close()
    }
}
