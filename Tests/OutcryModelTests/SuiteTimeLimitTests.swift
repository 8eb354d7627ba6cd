import Foundation
import Testing

/// Every suite under Tests/ carries `.timeLimit`, so a test that hangs fails within minutes and names itself,
/// instead of stalling the whole run until someone notices. Reads the test sources next to this file.
@Suite(.timeLimit(.minutes(10)))
struct SuiteTimeLimitTests {
    /// The Tests folder (this file lives in Tests/OutcryModelTests/).
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    @Test func everySuiteAndTopLevelTestHasATimeLimit() throws {
        var sources: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: Self.testsFolder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { sources[url.path] = try String(contentsOf: url, encoding: .utf8) }
        }
        #expect(sources.count > 100, "expected the test sources under \(Self.testsFolder.path)")
        #expect(sources.keys.contains { $0.hasSuffix("/SuiteTimeLimitTests.swift") }, "the audit reads this very file")
        let findings = TimeLimitAudit(sources: sources).findings
        #expect(
            findings.isEmpty,
            "add `.timeLimit(.minutes(N))` to these suites (or tests):\n\(findings.joined(separator: "\n"))")
    }

    /// The audit itself, on sources made up for it (kept as single-line literals, so the real audit does not
    /// read them as declarations).
    @Test func theAuditFlagsSuitesWithoutALimitAndAcceptsTheOthers() {
        let limited = [
            "import Testing",
            "/// A suite.",
            "@Suite(.serialized, .timeLimit(.minutes(10))) struct Limited {",
            "    @Test func one() {}",
            "    @Suite(",
            "        .timeLimit(.minutes(10))",
            "    )",
            "    struct Nested {",
            "        @Test(arguments: [1, 2]) func two(value: Int) {}",
            "    }",
            "}",
            "extension Limited {",
            "    @Test func three() {}",
            "}",
            "@Test(.timeLimit(.minutes(10)))",
            "func topLevelWithALimit() {}",
        ]
        let unlimited = [
            "@Suite struct Bare {",
            "    @Test func one() {}",
            "}",
            "struct Implicit {",
            "    @Test func two() {}",
            "}",
            "extension Implicit {",
            "    @Test func three() {}",
            "}",
            "@Test func topLevelWithoutALimit() {}",
        ]
        let sources = [
            "Limited.swift": limited.joined(separator: "\n"), "Unlimited.swift": unlimited.joined(separator: "\n"),
        ]
        #expect(
            TimeLimitAudit(sources: sources).findings == [
                "Unlimited.swift:1: suite Bare has no time limit",
                "Unlimited.swift:5: Implicit holds tests but has no @Suite with a time limit",
                "Unlimited.swift:8: Implicit holds tests but has no @Suite with a time limit",
                "Unlimited.swift:10: top-level test has no time limit",
            ])
    }
}

/// Finds, line by line, the `@Suite`s without `.timeLimit`, the types that hold `@Test`s without being a
/// `@Suite`, and top-level `@Test`s without `.timeLimit`. It reads formatted Swift (a declaration's members
/// are indented deeper than the declaration), not arbitrary Swift.
struct TimeLimitAudit {
    /// `path:line: what is missing`, sorted.
    let findings: [String]

    init(sources: [String: String]) {
        let files = sources.mapValues { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        // A type's attributes, wherever it is declared (extensions in other files find them).
        var headersByType: [String: [String]] = [:]
        for lines in files.values {
            for index in lines.indices {
                if let declaration = Self.declaration(lines[index]), declaration.kind != "extension" {
                    headersByType[declaration.name, default: []].append(Self.header(lines, index))
                }
            }
        }
        var findings: [String] = []
        for (path, lines) in files {
            for (index, line) in lines.enumerated() {
                let trimmed = line.drop { $0 == " " }
                let place = "\(path):\(index + 1)"
                if trimmed.hasPrefix("@Suite") {
                    guard let end = lines[index...].firstIndex(where: { Self.declaration($0) != nil }) else { continue }
                    if !Self.header(lines, end).contains(".timeLimit(") {
                        findings.append("\(place): suite \(Self.declaration(lines[end])!.name) has no time limit")
                    }
                } else if trimmed.hasPrefix("@Test") {
                    let indent = line.count - trimmed.count
                    if indent == 0 {
                        let end = lines[index...].firstIndex { $0.contains("func ") } ?? index
                        if !lines[index...end].joined().contains(".timeLimit(") {
                            findings.append("\(place): top-level test has no time limit")
                        }
                        continue
                    }
                    let enclosing = lines[..<index].lastIndex {
                        guard let declaration = Self.declaration($0) else { return false }
                        return declaration.indent < indent
                    }
                    guard let enclosing, let declaration = Self.declaration(lines[enclosing]) else { continue }
                    let headers =
                        declaration.kind == "extension"
                        ? headersByType[declaration.name] ?? [] : [Self.header(lines, enclosing)]
                    if !headers.contains(where: { $0.contains("@Suite") }) {
                        findings.append("\(place): \(declaration.name) holds tests but has no @Suite with a time limit")
                    }
                }
            }
        }
        self.findings = findings.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// The declaration a line starts (after its attributes and modifiers): indentation, keyword, simple name.
    static func declaration(_ line: String) -> (indent: Int, kind: String, name: String)? {
        var rest = Substring(line)
        let indent = rest.prefix { $0 == " " }.count
        rest = rest.dropFirst(indent)
        while rest.hasPrefix("@") {
            rest = rest.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "_" }
            if rest.hasPrefix("(") {
                var depth = 0
                var end = rest.startIndex
                for index in rest.indices {
                    if rest[index] == "(" { depth += 1 }
                    if rest[index] == ")" { depth -= 1 }
                    end = rest.index(after: index)
                    if depth == 0 { break }
                }
                rest = rest[end...]
            }
            rest = rest.drop { $0 == " " }
        }
        let modifiers: Set<Substring> = ["public", "package", "internal", "private", "fileprivate", "final"]
        var words = rest.split(separator: " ", maxSplits: 8)
        while let first = words.first, modifiers.contains(first) { words.removeFirst() }
        guard words.count >= 2, ["struct", "class", "enum", "actor", "extension"].contains(words[0]) else { return nil }
        let name = words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard !name.isEmpty else { return nil }
        return (indent, String(words[0]), String(name.split(separator: ".").last ?? name))
    }

    /// The declaration line at `index` with the attribute lines right above it (up to a blank line, a comment
    /// or the end of the previous declaration).
    static func header(_ lines: [String], _ index: Int) -> String {
        var start = index
        while start > 0 {
            let above = lines[start - 1].trimmingCharacters(in: .whitespaces)
            if above.isEmpty || above.hasPrefix("//") || above.hasSuffix("{") || above.hasSuffix("}") { break }
            start -= 1
        }
        return lines[start...index].joined(separator: "\n")
    }
}
