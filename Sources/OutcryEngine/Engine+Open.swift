package import Logging
package import OutcryStore

extension Engine {
    /// Opens the engine on `database`: a `postgresql://` (or `postgres://`) URL selects the shared PostgreSQL
    /// store; anything else is an SQLite file, created and migrated as needed.
    /// - Parameter options: SQLite's settings (PostgreSQL takes its own from the server).
    package static func open(
        database: String, options: StoreOptions = StoreOptions(), clock: any TimeSource, logger: Logger
    ) throws(EngineError) -> Engine {
        try Engine(path: database, options: options, clock: clock, logger: logger)
    }
}
