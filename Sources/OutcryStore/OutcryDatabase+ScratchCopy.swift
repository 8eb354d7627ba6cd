extension OutcryDatabase {
    /// Writes a consistent copy of the whole database to `path` (SQLite's `VACUUM INTO`), for work that must not
    /// touch the live data, such as `outcry evaluate`'s replay.
    ///
    /// The file is created with mode 0600 first (it holds the reporter-hash key) and must not exist or be empty.
    package func copy(to path: String) throws(StoreError) {
        SQLiteConnection.makePrivate(path)
        do {
            let statement = try connection.prepare("VACUUM INTO ?")
            try statement.bind(path, at: 1)
            try statement.run()
        } catch {
            throw .sqlite(error)
        }
    }
}
