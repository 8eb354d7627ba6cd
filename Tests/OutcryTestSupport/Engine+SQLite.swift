package import OutcryEngine
package import OutcryStore

extension Engine {
    /// The engine's SQLite database, for tests that read or damage it with SQL (every fixture engine is SQLite).
    package var sqliteDatabase: OutcryDatabase {
        guard let database = storage as? OutcryDatabase else {
            preconditionFailure("this test needs an SQLite engine, not \(storage.location.backend)")
        }
        return database
    }
}
