import Foundation
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import Testing

/// The SQL files in Migrations/postgres/ are the only source of the PostgreSQL schema; the binary carries a copy
/// (Scripts/embed-migrations.sh writes it). Needs no server.
@Suite(.timeLimit(.minutes(10)))
struct PostgresMigrationFilesTests {
    static let migrationsFolder = MigrationSourceFiles.folder("postgres")

    static func files() throws -> [(name: String, sql: String)] { try MigrationSourceFiles.read("postgres") }

    @Test func embeddedCopyMatchesTheFiles() throws {
        let files = try Self.files()
        #expect(!files.isEmpty, "no SQL files in \(Self.migrationsFolder.path)")
        #expect(files.map(\.name) == EmbeddedPostgresMigrations.all.map(\.name), "run Scripts/embed-migrations.sh")
        for (file, embedded) in zip(files, EmbeddedPostgresMigrations.all) {
            let normalise = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(
                normalise(file.sql) == normalise(embedded.sql), "\(file.name) drifted: run Scripts/embed-migrations.sh")
        }
    }

    @Test func namesAreNumberedOneTwoThreeInOrder() throws {
        let files = try Self.files()
        let pattern = /^(\d{4})_[a-z]+(_[a-z0-9]+)+$/
        for (index, file) in files.enumerated() {
            let match = try #require(file.name.wholeMatch(of: pattern), "\(file.name) is not NNNN_verb_object")
            let number = try #require(Int(match.1))
            #expect(number == index + 1, "\(file.name): migrations are numbered 1, 2, 3… without gaps")
        }
        // Each embedded migration's version is the number its name starts with, in the same order.
        #expect(EmbeddedPostgresMigrations.all.map(\.version) == Array(1..<(files.count + 1)))
        for migration in EmbeddedPostgresMigrations.all {
            #expect(Int(migration.name.prefix(4)) == migration.version, "\(migration.name)")
        }
    }
}
