import Foundation
import Testing

/// Golden files under `Exports/Golden/`, read through `#filePath` (not resources).
///
/// With `OUTCRY_REGENERATE_GOLDEN=1` (see `Scripts/regenerate-golden.sh`) the tests write the files instead
/// of comparing; review the diff before committing.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRegenerating: Bool { ProcessInfo.processInfo.environment["OUTCRY_REGENERATE_GOLDEN"] == "1" }

    /// Compares `text` with the golden file `name` byte for byte, naming the first differing line.
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if isRegenerating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "missing golden file \(name): run Scripts/regenerate-golden.sh", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let got = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
        let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of golden file>"
        Issue.record(
            "\(name) differs at line \(index + 1):\n  got:  \(got)\n  want: \(want)\n(Scripts/regenerate-golden.sh rewrites it)",
            sourceLocation: sourceLocation
        )
    }
}
