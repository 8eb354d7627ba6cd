import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// The one JSON string escaper (``JSONText``): RFC 8259 escapes, and every string comes back unchanged through
/// the model's JSON reader (the one the store and notifications read with) and through Foundation.
@Suite(.timeLimit(.minutes(10)))
struct JSONTextTests {
    /// A one-field document, read by the same reader as stored incident bodies.
    struct Probe: WireDocument, Equatable {
        var text: String
        static let wire = WireTable<Probe>("Probe", blank: Probe(text: ""), fields: [.string("text", \.text)])
    }

    static func readBack(_ literal: String) throws -> String {
        try Probe(json: Array("{\"text\":\(literal)}".utf8)).text
    }

    @Test func controlCharactersAreEscapedAsRFC8259AndJSONEncoderWriteThem() throws {
        #expect(JSONText.string("\u{8}\u{C}\n\r\t\"\\/") == #""\b\f\n\r\t\"\\/""#)
        #expect(JSONText.string("\u{0}\u{1}\u{1F}\u{7F}") == #""\u0000\u0001\u001f"# + "\u{7F}\"")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for value in 0..<0x80 {
            let text = String(Unicode.Scalar(UInt8(value)))
            let viaEncoder = String(decoding: try encoder.encode([text]), as: UTF8.self)
            #expect("[" + JSONText.string(text) + "]" == viaEncoder, "U+\(String(value, radix: 16))")
        }
    }

    @Test func simulatedJSONLinesUseTheSameEscapes() {
        let report = SimulatedReport(
            service: SimulationCatalog.slug("gmail"), region: SimulationCatalog.region("DE-BE"), problem: .other,
            at: Timestamp(seconds: 0), reporter: "a\u{8}b\u{C}c\u{1}"
        )
        #expect(report.jsonLine.hasSuffix(#","reporter":"# + JSONText.string("a\u{8}b\u{C}c\u{1}") + "}"))
        #expect(report.jsonLine.contains(#"a\bb\fc\u0001"#))
    }

    /// Property: arbitrary strings — every control character, quotes, backslashes, U+2028, non-BMP scalars, long
    /// runs — come back unchanged through the model's reader and through JSONDecoder.
    @Test(arguments: 0..<4)
    func arbitraryStringsRoundTrip(batch: UInt64) throws {
        var random = SplitMix64(seed: 0x7E57_0000 + batch)
        let pool: [Unicode.Scalar] =
            (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
            + ["\"", "\\", "/", "\u{7F}", "a", "é", "\u{2028}", "\u{FEFF}"]
            + ["\u{FFFD}", "\u{FFFF}", "\u{10000}", "😀", "\u{1F1E9}", "\u{10FFFF}", "\u{D7FF}", "\u{E000}"]
        for _ in 0..<250 {
            var text = String.UnicodeScalarView()
            for _ in 0..<random.nextInt(below: 40) {
                if random.nextInt(below: 4) == 0 {
                    // Anywhere in the code space, surrogates excluded.
                    let value = UInt32(random.nextInt(below: 0x10F800))
                    text.append(Unicode.Scalar(value < 0xD800 ? value : value + 0x800)!)
                } else {
                    text.append(pool[random.nextInt(below: pool.count)])
                }
            }
            let string = String(text)
            let literal = JSONText.string(string)
            #expect(try Self.readBack(literal) == string)
            #expect(try JSONDecoder().decode([String].self, from: Data("[\(literal)]".utf8)) == [string])
            var bytes: [UInt8] = []
            JSONText.append(string, toBytes: &bytes)
            #expect(bytes == Array(literal.utf8))
        }
    }
}
