import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct MigratorTests {
    @Test func freshDatabaseGetsEveryMigrationOnce() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let migrator = Migrator()
        let applied = try migrator.migrate(connection, appliedAt: 0)
        #expect(applied == EmbeddedMigrations.all.map(\.version))
        #expect(try migrator.migrate(connection, appliedAt: 0).isEmpty)
        #expect(try migrator.appliedVersions(in: connection) == EmbeddedMigrations.all.map(\.version))
    }

    @Test func upgradesAnOlderSchemaKeepingItsData() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("old.sqlite")
        do {
            let connection = try SQLiteConnection(path: path)
            let older = Migrator(migrations: Array(EmbeddedMigrations.all.prefix(2)))
            try older.migrate(connection, appliedAt: 0)
            try connection.execute("INSERT INTO service (slug, name, created_at) VALUES ('whatsapp', 'WhatsApp', 0)")
        }
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        #expect(try Migrator().appliedVersions(in: database.connection).count == EmbeddedMigrations.all.count)
        #expect(try database.services().map(\.slug.rawValue) == ["whatsapp"])
    }

    @Test func refusesADatabaseFromANewerOutcry() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("new.sqlite")
        do {
            let connection = try SQLiteConnection(path: path)
            var future = EmbeddedMigrations.all
            future.append(Migration(version: 9999, name: "9999_add_future", sql: "CREATE TABLE future (x)"))
            try Migrator(migrations: future).migrate(connection, appliedAt: 0)
        }
        do {
            _ = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
            Issue.record("opening a newer schema must fail")
        } catch {
            guard case .schemaTooNew(let version, let supported) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(version == 9999)
            #expect(supported == Migrator().latestVersion)
            #expect(error.description.contains("upgrade outcry"))
        }
    }

    @Test func failingMigrationLeavesNoPartialSchema() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let broken = Migrator(migrations: [
            Migration(version: 1, name: "0001_create_a", sql: "CREATE TABLE a (x)"),
            Migration(version: 2, name: "0002_create_b", sql: "CREATE TABLE b (x); CREATE TABLE a (y)"),
        ])
        #expect(throws: StoreError.self) { try broken.migrate(connection, appliedAt: 0) }
        #expect(try broken.appliedVersions(in: connection) == [1])
        // Table b was rolled back with its failing migration.
        #expect(throws: SQLiteError.self) { try connection.execute("SELECT * FROM b") }
    }
}
