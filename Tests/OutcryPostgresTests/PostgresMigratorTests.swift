import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// Opening a PostgreSQL store migrates its schema once, refuses a schema from a newer Outcry, and lets several
/// daemons start on one fresh database at the same moment.
@Suite(.timeLimit(.minutes(10)), .enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
struct PostgresMigratorTests {
    /// `schema_migration`'s rows: version, name, applied_at.
    static func appliedMigrations(_ url: String) throws -> [(version: Int64, name: String, appliedAt: Int64)] {
        let session = try PostgresTesting.session(url)
        defer { session.close() }
        return try session.query(
            "SELECT version, name, applied_at FROM schema_migration ORDER BY version", "reading migrations"
        ).map { row in
            let (version, name, appliedAt) = try row.columns((Int64, String, Int64).self, "schema_migration")
            return (version, name, appliedAt)
        }
    }

    static var embeddedVersions: [Int64] { EmbeddedPostgresMigrations.all.map { Int64($0.version) }.sorted() }

    @Test func openingTwiceAppliesNothingNew() throws {
        try PostgresTesting.withDatabase { url in
            let firstOpen = PostgresTesting.now
            let first = try PostgresTesting.openStore(url, now: firstOpen)
            let secret = first.reporterSecret
            first.close()
            let afterFirst = try Self.appliedMigrations(url)
            #expect(afterFirst.map(\.version) == Self.embeddedVersions)
            #expect(afterFirst.map(\.name) == EmbeddedPostgresMigrations.all.map(\.name))
            #expect(afterFirst.allSatisfy { $0.appliedAt == firstOpen.seconds })

            let second = try PostgresTesting.openStore(url, now: firstOpen.adding(seconds: 3_600))
            defer { second.close() }
            let afterSecond = try Self.appliedMigrations(url)
            // Nothing re-applied: the same rows, still stamped with the first open.
            #expect(afterSecond.map(\.version) == afterFirst.map(\.version))
            #expect(afterSecond.map(\.appliedAt) == afterFirst.map(\.appliedAt))
            #expect(second.reporterSecret == secret, "the reporter secret is made once per database")
        }
    }

    @Test func aSchemaFromANewerOutcryIsRefused() throws {
        try PostgresTesting.withDatabase { url in
            try PostgresTesting.openStore(url).close()
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            try session.execute(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, '0999_from_the_future', 0)",
                "planting a newer migration")
            do throws(StoreError) {
                let store = try PostgresTesting.openStore(url)
                store.close()
                Issue.record("a database at schema version 999 was opened")
            } catch {
                guard case .schemaTooNew(let databaseVersion, let supportedVersion) = error else {
                    Issue.record("expected schemaTooNew, got \(error)")
                    return
                }
                #expect(databaseVersion == 999)
                #expect(supportedVersion == EmbeddedPostgresMigrations.all.map(\.version).max())
                #expect("\(error)".contains("upgrade outcry"))
            }
            // Refused without touching it: the rows are what they were.
            #expect(try Self.appliedMigrations(url).map(\.version) == Self.embeddedVersions + [999])
        }
    }

    /// Daemons started together on an empty database: each open succeeds, every migration is applied once,
    /// and they share one reporter secret. Several rounds, each on a new database, four openers at once.
    @Test func storesOpeningAFreshDatabaseTogetherAllSucceed() throws {
        for round in 0..<8 {
            try PostgresTesting.withDatabase { url throws in
                let outcomes = PostgresTesting.onThreads(4) { _ in
                    Result { () throws(StoreError) -> [UInt8] in
                        let store = try PostgresTesting.openStore(url)
                        defer { store.close() }
                        return store.reporterSecret
                    }
                }
                var secrets: [[UInt8]] = []
                for outcome in outcomes {
                    switch outcome {
                    case .success(let secret)?:
                        secrets.append(secret)
                    case .failure(let error)? where Self.isTheCreateTableRace(error):
                        Issue.record("round \(round): an opener failed: \(error)")
                    case .failure(let error)?:
                        Issue.record("round \(round): an opener failed: \(error)")
                    case nil:
                        break
                    }
                }
                #expect(Set(secrets).count == 1, "round \(round): one reporter secret per database")
                #expect(try Self.appliedMigrations(url).map(\.version) == Self.embeddedVersions, "round \(round)")
            }
        }
    }

    /// Two sessions racing `CREATE TABLE IF NOT EXISTS` on one name: a unique violation on PostgreSQL's catalog
    /// (`pg_type_typname_nsp_index`), or "type/relation already exists".
    static func isTheCreateTableRace(_ error: StoreError) -> Bool {
        guard case .postgres(let failure) = error else { return false }
        return ["23505", "42710", "42P07"].contains(failure.sqlState)
            && failure.context == "creating the migrations table"
    }
}
