import OutcryEngine
import Testing

/// CSV and Markdown escaping work on Unicode scalars (bytes), and CSV text cells cannot start a formula.
@Suite(.timeLimit(.minutes(10))) struct ExportEscapingTests {
    /// What a CSV reader gets back for `field` written by the exporter.
    static func roundTrip(_ field: String) throws -> [String] {
        try RFC4180Parser.parse(CSVEncoder.escape(field) + ",end\r\n").first ?? []
    }

    @Test(arguments: ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"])
    func formulaCellsAreNeutralisedWithAQuote(field: String) throws {
        #expect(try Self.roundTrip(field) == ["'" + field, "end"])
    }

    @Test(arguments: ["plain", "a-b", "https://status.example/incidents/1", "Messaging delays", "", "1=1"])
    func ordinaryCellsAreUnchanged(field: String) throws {
        #expect(CSVEncoder.escape(field) == field)
    }

    @Test func aCombiningMarkAfterAQuoteCannotHideIt() throws {
        // Before: "\"\u{301}" is one Character that is not "\"", so the quote was not doubled and the record broke.
        let field = "a\"\u{0301},b"
        #expect(CSVEncoder.escape(field) == "\"a\"\"\u{0301},b\"")
        #expect(try Self.roundTrip(field) == [field, "end"])
    }

    @Test func propertyEveryFieldRoundTrips() throws {
        var random = SplitMix64(seed: 7)
        let pieces = ["a", "\"", "\u{0301}", ",", "\r", "\n", "\r\n", "=", "-", "@", "+", "\t", "😀", "👨‍👩‍👧‍👦", "é", " "]
        for _ in 0..<2_000 {
            var field = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                field += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            let expected = (field.utf8.first.map(CSVEncoder.startsFormula) ?? false) ? "'" + field : field
            #expect(try Self.roundTrip(field) == [expected, "end"], "\(field.debugDescription)")
        }
    }

    @Test func markdownEscapesAPipeFollowedByACombiningMark() {
        // Before: "|\u{301}" is one Character that is not "|", so it split the table cell.
        #expect(MarkdownReportRenderer.escape("a|\u{0301}b") == "a\\|\u{0301}b")
        #expect(MarkdownReportRenderer.escape("x*\u{0301}[y]\u{0301}") == "x\\*\u{0301}\\[y\\]\u{0301}")
        #expect(MarkdownReportRenderer.escape("one\r\ntwo\nthree\rfour") == "one two three four")
    }

    @Test func propertyMarkdownCellsNeverHoldAnUnescapedPipeOrLineBreak() {
        var random = SplitMix64(seed: 11)
        let pieces = ["a", "|", "\u{0301}", "\\", "`", "\r", "\n", "\r\n", "😀", "<", ">", "_", "*", "é"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            let bytes = Array(MarkdownReportRenderer.escape(text).utf8)
            #expect(!bytes.contains(10) && !bytes.contains(13))
            // Every special byte is preceded by an odd run of backslashes.
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                #expect(
                    bytes[index] != UInt8(ascii: "|") && bytes[index] != UInt8(ascii: "`"), "\(text.debugDescription)")
                index += 1
            }
        }
    }
}
