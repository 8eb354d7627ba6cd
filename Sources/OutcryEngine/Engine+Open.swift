package import Logging
import OutcryPostgres
package import OutcryStore

extension Engine {
    /// Opens the engine on `database`: a `postgresql://` (or `postgres://`) URL selects the shared PostgreSQL
    /// store; anything else is an SQLite file, created and migrated as needed.
    /// - Parameter options: SQLite's settings (PostgreSQL takes its own from the server).
    package static func open(
        database: String, options: StoreOptions = StoreOptions(), clock: any TimeSource, logger: Logger
    ) throws(EngineError) -> Engine {
        guard PostgresLocation.isPostgresURL(database) else {
            return try Engine(path: database, options: options, clock: clock, logger: logger)
        }
        do {
            let store = try PostgresStore(url: database, now: clock.now(), logger: logger)
            return Engine(storage: store, clock: clock, logger: logger)
        } catch {
            throw .store(error)
        }
    }
}
