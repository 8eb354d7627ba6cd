import Foundation
import OutcryStore
import OutcryTestSupport
import Testing

/// The SQL files in Migrations/sqlite/ are the only source of the schema; the binary carries a copy.
@Suite(.timeLimit(.minutes(10))) struct MigrationFilesTests {
    static let migrationsFolder = MigrationSourceFiles.folder("sqlite")

    static func files() throws -> [(name: String, sql: String)] { try MigrationSourceFiles.read("sqlite") }

    @Test func embeddedCopyMatchesTheFiles() throws {
        let files = try Self.files()
        #expect(!files.isEmpty)
        #expect(files.map(\.name) == EmbeddedMigrations.all.map(\.name), "run Scripts/embed-migrations.sh")
        for (file, embedded) in zip(files, EmbeddedMigrations.all) {
            let normalise = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(
                normalise(file.sql) == normalise(embedded.sql), "\(file.name) drifted: run Scripts/embed-migrations.sh")
        }
    }

    @Test func namesAreNumberedUniquelyAndInOrder() throws {
        let files = try Self.files()
        let pattern = /^(\d{4})_[a-z]+(_[a-z0-9]+)+$/
        var seen = Set<Int>()
        for (index, file) in files.enumerated() {
            let match = try #require(file.name.wholeMatch(of: pattern), "\(file.name) is not NNNN_verb_object")
            let number = try #require(Int(match.1))
            #expect(number == index + 1, "migrations are numbered 1, 2, 3… without gaps")
            #expect(seen.insert(number).inserted)
        }
    }
}
