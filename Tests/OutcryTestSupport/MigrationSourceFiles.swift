package import Foundation

/// The schema's source files, `Migrations/<backend>/NNNN_verb_object.sql`, as the drift tests read them.
package enum MigrationSourceFiles {
    /// The repository's `Migrations/<backend>` folder (`sqlite` or `postgres`).
    package static func folder(_ backend: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations/\(backend)")
    }

    /// The folder's `.sql` files in name order: each name without `.sql`, and its text.
    package static func read(_ backend: String) throws -> [(name: String, sql: String)] {
        let folder = folder(backend)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        return try names.map { name in
            (String(name.dropLast(4)), try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
