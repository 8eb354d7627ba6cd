import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Property tests: whatever bytes a status page sends, the decoder returns a snapshot or one clear error,
/// and never crashes. Inputs come from a fixed-seed generator, so every run sees the same cases.
@Suite(.timeLimit(.minutes(10))) struct StatuspageDecoderFuzzTests {
    /// Decodes `bytes`; on failure checks that the error is one plain sentence naming the document.
    static func checkOutcome(_ bytes: [UInt8], name: String = "summary.json") {
        do {
            _ = try StatuspageDecoder.decode(bytes, name: name)
        } catch {
            let text = error.description
            #expect(text.hasPrefix("\(name): "), "\(text)")
            #expect(text.count > name.count + 5)
            #expect(
                !text.contains("DecodingError") && !text.contains("CodingKeys") && !text.contains("debugDescription"),
                "\(text)")
        }
    }

    static let fixtures = [
        StatuspageFixtures.summaryJSON, StatuspageFixtures.incidentsJSON, StatuspageFixtures.resolvedSummaryJSON,
    ]

    @Test(.timeLimit(.minutes(10)))
    func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5747_A7E5)
        let alphabet = Array(#"{}[]":,0123456789-+.eEtrufalsn \n\"\\/<>abcxyz"#.utf8) + [0x00, 0xC3, 0xFF, 0xE2, 0x80]
        for _ in 0..<3000 {
            let length = generator.int(0...300)
            let bytes = (0..<length).map { _ in
                generator.chance(0.8) ? generator.pick(alphabet) : UInt8(truncatingIfNeeded: generator.next())
            }
            Self.checkOutcome(bytes)
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func garbledFixturesNeverCrash() {
        var generator = SplitMix64(seed: 0xBAD_5A6E)
        for round in 0..<1500 {
            var bytes = Array(generator.pick(Self.fixtures).utf8)
            for _ in 0..<generator.int(1...4) {
                guard !bytes.isEmpty else { break }
                let at = generator.int(0...(bytes.count - 1))
                switch generator.int(0...4) {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + generator.int(1...40)))
                case 1: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: at)
                case 2: bytes[at] = generator.pick(Array(#"{}[]",:0"#.utf8))
                case 3: bytes = Array(bytes[..<at])
                default: bytes.insert(contentsOf: Array(#"null"#.utf8), at: at)
                }
            }
            Self.checkOutcome(bytes, name: round.isMultiple(of: 2) ? "summary.json" : "http://127.0.0.1/x.json")
        }
    }

    /// Replaces one field of a real incident with every kind of JSON value: the decoder either accepts it
    /// or names that very field.
    @Test(arguments: [
        "id", "name", "created_at", "started_at", "resolved_at", "components", "impact", "incident_updates",
    ])
    func everyFieldWithEveryKindOfValue(field: String) throws {
        let values = [
            "null", "true", "0", "-1.5e300", "1e999", #""""#, #""2024-13-45T99:99:99Z""#, #""x""#, "[]", "{}",
            "[null]", #"[{"id": 1}]"#, #"{"id": "a"}"#,
            String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
        ]
        for value in values {
            var object: [String: String] = [
                "id": #""a1""#, "name": #""Outage""#, "created_at": #""2024-03-05T15:58:12.345Z""#,
                "started_at": "null", "resolved_at": "null", "components": "[]", "impact": #""minor""#,
                "incident_updates": "[]",
            ]
            object[field] = value
            let members = object.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
            let text = #"{"incidents": [{"# + members.joined(separator: ", ") + "}]}"
            do {
                _ = try StatuspageDecoder.decode(Array(text.utf8), name: "incidents.json")
            } catch {
                #expect(error.description.contains("incidents[0]"), "\(field) = \(value): \(error)")
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let unclosed = Array(String(repeating: "[", count: depth).utf8)
        Self.checkOutcome(unclosed)
        let closed = Array(
            (#"{"incidents": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")
                .utf8)
        Self.checkOutcome(closed)
        let deepObject = Array(
            (#"{"incidents": [], "x": "# + String(repeating: #"{"a":"#, count: depth) + "1"
                + String(repeating: "}", count: depth) + "}").utf8
        )
        Self.checkOutcome(deepObject)
    }

    @Test func hugeNumbersAndLongStringsAreHandled() throws {
        let long = String(repeating: "é", count: 200_000)
        let text =
            #"{"incidents": [{"id": "a", "name": "\#(long)", "created_at": "2024-03-05T15:00:00Z", "x": 1e999}], "n": -0.0}"#
        let snapshot = try StatuspageDecoder.decode(Array(text.utf8), name: "incidents.json")
        #expect(snapshot.incidents.first?.name.count == 200_000)
    }
}
