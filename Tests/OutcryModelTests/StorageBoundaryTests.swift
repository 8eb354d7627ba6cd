import Foundation
import Testing

/// The CLI and the server reach storage only through OutcryEngine: no store closures, no raw store object and
/// no SQL in their sources (a second backend then needs no change there). Reads the sources under Sources/.
@Suite(.timeLimit(.minutes(10)))
struct StorageBoundaryTests {
    static let sourcesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// What only the engine and the store may write.
    static let forbidden = [
        "engine.store", ".store {", ".storage", "OutcryDatabase", "ReportWriter(", "SQLiteConnection", "PRAGMA ",
        "SAVEPOINT", "SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE ",
    ]

    /// Whether `word` occurs in `line` as a whole name (not the start of a longer one).
    static func contains(_ line: String, _ word: String) -> Bool {
        var rest = Substring(line)
        while let range = rest.range(of: word) {
            let next = rest[range.upperBound...].first
            if !(word.last?.isLetter ?? false) || !(next.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false) {
                return true
            }
            rest = rest[range.upperBound...]
        }
        return false
    }

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
                for word in Self.forbidden where Self.contains(code, word) {
                    findings.append("\(module)/\(url.lastPathComponent):\(number + 1): \(word)")
                }
            }
        }
        #expect(files > 0, "expected sources in \(folder.path)")
        #expect(Self.contains("try engine.storage.services()", ".storage"), "the audit finds a raw store")
        #expect(!Self.contains("runtime.storageLocation", ".storage"), "a longer name is not the store")
        #expect(findings.isEmpty, "only OutcryEngine may reach the store:\n\(findings.joined(separator: "\n"))")
    }
}
