import OutcryStore
import PostgresNIO

/// Applies the embedded PostgreSQL migrations in order, each in its own transaction with its
/// `schema_migration` row, under an advisory lock so daemons starting together migrate once.
///
/// Refuses a database that has a migration this binary does not know (written by a newer Outcry).
struct PostgresMigrator {
    /// The advisory lock key pair that serialises migrators (any value unique to Outcry).
    static let lockKey: (Int32, Int32) = (7301, 0)

    var migrations: [Migration] = EmbeddedPostgresMigrations.all.sorted { $0.version < $1.version }

    /// The highest version this binary knows.
    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Brings the schema up to date; returns the versions it applied.
    @discardableResult
    func migrate(_ session: PostgresSession, appliedAt: Int64) throws(StoreError) -> [Int] {
        try session.run("BEGIN", "migrating")
        do throws(StoreError) {
            // The lock first: daemons opening a fresh database together must not race on creating the table.
            try session.execute(
                "SELECT pg_advisory_xact_lock(\(Self.lockKey.0), \(Self.lockKey.1))", "waiting for other migrators")
            try session.run(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version bigint PRIMARY KEY,
                    name text NOT NULL,
                    applied_at bigint NOT NULL
                )
                """, "creating the migrations table")
            let applied = try session.query("SELECT version FROM schema_migration ORDER BY version", "migrating")
                .map { row throws(StoreError) in try PostgresRows.int(row, 0, "schema_migration.version") }
            let known = Set(migrations.map(\.version))
            if let newest = applied.max(),
                newest > latestVersion || applied.contains(where: { !known.contains(Int($0)) })
            {
                throw StoreError.schemaTooNew(databaseVersion: Int(newest), supportedVersion: latestVersion)
            }
            let pending = migrations.filter { !applied.contains(Int64($0.version)) }
            for migration in pending {
                try session.run(migration.sql, "applying migration \(migration.name)")
                try session.execute(
                    "INSERT INTO schema_migration (version, name, applied_at) VALUES (\(migration.version), \(migration.name), \(appliedAt))",
                    "recording migration \(migration.name)")
            }
            try session.run("COMMIT", "migrating")
            return pending.map(\.version)
        } catch {
            try? session.run("ROLLBACK", "migrating")
            throw error
        }
    }
}
