import Foundation
import Testing

/// The CLI and the server reach storage only through OutcryEngine: no store closures, no raw store object and
/// no SQL in their sources (a second backend then needs no change there). Reads the sources under Sources/.
@Suite(.timeLimit(.minutes(2)))
struct StorageBoundaryTests {
    static let sourcesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// What only the engine and the store may write.
    static let forbidden = [
        "engine.store", ".store {", ".storage", "OutcryDatabase", "ReportWriter(", "SQLiteConnection", "PRAGMA ",
        "SAVEPOINT", "SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE ",
    ]

    @Test(arguments: ["OutcryCLI", "OutcryServer", "outcry"])
    func theModuleReachesStorageOnlyThroughTheEngine(module: String) throws {
        let folder = Self.sourcesFolder.appendingPathComponent(module)
        var findings: [String] = []
        var files = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", !url.path.contains("/Generated/") else { continue }
            files += 1
            let lines = try String(contentsOf: url, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                for word in Self.forbidden where code.contains(word) {
                    findings.append("\(module)/\(url.lastPathComponent):\(number + 1): \(word)")
                }
            }
        }
        #expect(files > 0, "expected sources in \(folder.path)")
        #expect(findings.isEmpty, "only OutcryEngine may reach the store:\n\(findings.joined(separator: "\n"))")
    }
}
