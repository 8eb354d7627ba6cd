import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Migration 0010: every service has a sensitivity, `normal` unless set.
@Suite(.timeLimit(.minutes(10))) struct ServiceSensitivityStoreTests {
    @Test func servicesStoredBeforeTheMigrationAreNormal() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("v9.sqlite")
        do {
            let connection = try SQLiteConnection(path: path)
            try Migrator(migrations: EmbeddedMigrations.all.filter { $0.version <= 9 }).migrate(
                connection, appliedAt: 0)
            try connection.execute("INSERT INTO service (slug, name, created_at) VALUES ('whatsapp', 'WhatsApp', 0)")
            connection.close()
        }
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        defer { database.close() }
        #expect(try database.services().map(\.sensitivity) == [.normal])
    }

    @Test func sensitivityRoundTripsAndCanBeSetForOneOrEveryService() throws {
        let database = try OutcryDatabase.inMemory(services: [
            MonitoredService(slug: try ServiceSlug.parse("whatsapp"), sensitivity: .high), .fixture("gmail"),
        ])
        #expect(try database.services().map(\.sensitivity) == [.normal, .high])
        #expect(try database.setSensitivity(.low, of: try ServiceSlug.parse("gmail")) == .normal)
        #expect(try database.service(try ServiceSlug.parse("gmail"))?.sensitivity == .low)
        // Adding an existing service again does not reset what was set.
        #expect(try database.addService(.fixture("gmail"), now: Instants.outageAfternoon) == .unchanged)
        #expect(try database.service(try ServiceSlug.parse("gmail"))?.sensitivity == .low)
        #expect(try database.setSensitivity(.high, of: nil) == nil)
        #expect(try database.services().allSatisfy { $0.sensitivity == .high })
        #expect(throws: StoreError.self) { try database.setSensitivity(.low, of: try ServiceSlug.parse("netflix")) }
    }

    @Test func theSchemaRefusesOtherValues() throws {
        let database = try OutcryDatabase.inMemory()
        #expect(throws: SQLiteError.self) {
            try database.connection.execute("UPDATE service SET sensitivity = 'extreme'")
        }
        #expect(throws: SQLiteError.self) { try database.connection.execute("UPDATE service SET sensitivity = NULL") }
    }
}
