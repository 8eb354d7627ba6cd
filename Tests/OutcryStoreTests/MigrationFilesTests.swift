import Foundation
import OutcryStore
import Testing

/// The SQL files in Migrations/sqlite/ are the only source of the schema; the binary carries a copy.
@Suite(.timeLimit(.minutes(10))) struct MigrationFilesTests {
    static let migrationsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations/sqlite")

    static func files() throws -> [(name: String, sql: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: migrationsFolder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        return try names.map { name in
            (
                String(name.dropLast(4)),
                try String(contentsOf: migrationsFolder.appendingPathComponent(name), encoding: .utf8)
            )
        }
    }

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
