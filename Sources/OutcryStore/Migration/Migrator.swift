/// Applies the embedded migrations in order, each in its own transaction with its `schema_migration` row.
///
/// Refuses a database that has a migration this binary does not know (written by a newer Outcry): opening
/// it could silently drop data, so the user is told to upgrade instead.
package struct Migrator: Sendable {
    package var migrations: [Migration]

    package init(migrations: [Migration] = EmbeddedMigrations.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The highest version this binary knows.
    package var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Versions already applied to the database.
    package func appliedVersions(in connection: SQLiteConnection) throws(SQLiteError) -> [Int] {
        try ensureBookkeepingTable(connection)
        let statement = try connection.cachedStatement("SELECT version FROM schema_migration ORDER BY version")
        var versions: [Int] = []
        while try statement.step() { versions.append(statement.int(at: 0)) }
        return versions
    }

    /// Brings the schema up to date; returns the versions it applied.
    @discardableResult
    package func migrate(_ connection: SQLiteConnection, appliedAt: Int64) throws(StoreError) -> [Int] {
        do {
            let applied = try appliedVersions(in: connection)
            let known = Set(migrations.map(\.version))
            if let newest = applied.max(), newest > latestVersion || applied.contains(where: { !known.contains($0) }) {
                throw StoreError.schemaTooNew(databaseVersion: newest, supportedVersion: latestVersion)
            }
            let pending = migrations.filter { !applied.contains($0.version) }
            for migration in pending {
                do {
                    try connection.inTransaction {
                        try connection.execute(migration.sql)
                        let insert = try connection.cachedStatement(
                            "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)"
                        )
                        try insert.bind(migration.version, at: 1)
                        try insert.bind(migration.name, at: 2)
                        try insert.bind(appliedAt, at: 3)
                        try insert.run()
                    }
                } catch let error as SQLiteError {
                    // Another process may have applied it between our read and our write lock.
                    if try appliedVersions(in: connection).contains(migration.version) { continue }
                    throw StoreError.migrationFailed(name: migration.name, error)
                }
            }
            return pending.map(\.version)
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw StoreError.sqlite(error)
        } catch {
            throw StoreError.sqlite(SQLiteError(code: 1, message: "\(error)", context: "migrating"))
        }
    }

    private func ensureBookkeepingTable(_ connection: SQLiteConnection) throws(SQLiteError) {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migration (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            )
            """
        )
    }
}
