import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportCSVDecoderTests {
    static let header = "service,region,problem,at,reporter,comment"

    func decode(_ line: String, header: String = ReportCSVDecoderTests.header) throws -> ReportInput {
        try ReportCSVDecoder(headerLine: header).decode(line)
    }

    @Test func decodesATypicalLine() throws {
        let input = try decode("whatsapp,US,login,2024-03-05T15:12:03Z,device-123,")
        #expect(
            input
                == ReportInput(
                    service: "whatsapp", region: "US", problem: "login", at: .text("2024-03-05T15:12:03Z"),
                    reporter: "device-123"
                )
        )
        #expect(try decode("whatsapp,US,,1709651523,,").at == .text("1709651523"))
    }

    @Test func readsColumnsInAnyOrderAndCaseIgnoringOthers() throws {
        var generator = SplitMix64(seed: 41)
        let names = ["service", "region", "problem", "at", "reporter", "comment", "extra", "notes"]
        let values = [
            "service": "whatsapp", "region": "DE", "problem": "app", "at": "2024-03-05", "reporter": "r1",
            "comment": "slow, \"very\" slow", "extra": "x", "notes": "",
        ]
        for _ in 0..<300 {
            var columns = names.shuffled(using: &generator)
            columns.removeLast(generator.int(0...2))
            guard columns.contains("service"), columns.contains("region") else { continue }
            let header = columns.map { name in
                let cased = String(name.map { generator.chance(0.5) ? Character($0.uppercased()) : $0 })
                return generator.chance(0.2) ? " \(cased) " : cased
            }.joined(separator: ",")
            let line = columns.map { csvField(values[$0] ?? "", quoteAlways: generator.chance(0.3)) }.joined(
                separator: ",")
            let input = try decode(line, header: header)
            #expect(input.service == "whatsapp")
            #expect(input.region == "DE")
            #expect(input.problem == (columns.contains("problem") ? "app" : nil))
            #expect(input.at == (columns.contains("at") ? .text("2024-03-05") : nil))
            #expect(input.comment == (columns.contains("comment") ? "slow, \"very\" slow" : nil))
        }
    }

    @Test func roundTripsRandomFieldsWrittenByRFC4180() throws {
        var inputs = RandomReportInputs(generator: SplitMix64(seed: 42))
        var generator = SplitMix64(seed: 43)
        let decoder = try ReportCSVDecoder(headerLine: Self.header)
        for _ in 0..<3000 {
            var input = inputs.input()
            // CSV has no line breaks inside a field here, no numbers and no difference between empty and absent.
            func clean(_ text: String?) -> String? {
                let kept = text?.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
                return kept?.isEmpty == true ? nil : kept
            }
            input.service = clean(input.service)
            input.region = clean(input.region)
            input.problem = clean(input.problem)
            input.reporter = clean(input.reporter)
            input.comment = clean(input.comment)
            if case .text(let text)? = input.at { input.at = clean(text).map { .text($0) } } else { input.at = nil }
            var atText: String? = nil
            if case .text(let text)? = input.at { atText = text }
            let fields = [input.service, input.region, input.problem, atText, input.reporter, input.comment]
            let line =
                fields.map { csvField($0 ?? "", quoteAlways: generator.chance(0.2)) }.joined(separator: ",")
                + (generator.chance(0.3) ? "\r" : "")
            #expect(try decoder.decode(line) == input, "\(line.debugDescription)")
        }
    }

    @Test(
        arguments: [
            (#""whatsapp","US","login","","","a, ""b"" c""#, #"a, "b" c"#),
            (#"whatsapp,US,login,,,"""""#, #"""#),
            (#"whatsapp,US,login,,,"""#, nil),
            (#"whatsapp,US,login,,,5" screen"#, #"5" screen"#),
            (#"whatsapp,US,login,,,"line one, still one""#, "line one, still one"),
        ] as [(String, String?)])
    func followsRFC4180Quoting(_ line: String, _ comment: String?) throws {
        #expect(try decode(line).comment == comment)
    }

    @Test func refusesAnUnterminatedQuote() {
        let error = csvLineError(#"whatsapp,US,login,,,"starts here"#)
        #expect(
            error
                == ReportValidationError(
                    field: "line",
                    reason:
                        "has a quoted field starting at column 21 that is not closed; a quoted field cannot span lines"
                )
        )
    }

    @Test func refusesTextAfterAClosingQuote() {
        let error = csvLineError(#"whatsapp,"US"A,login,,,"#)
        #expect(error?.field == "line")
        #expect(error?.reason.hasPrefix("has a character after the closing quote at column 14") == true)
    }

    @Test(arguments: [
        ("whatsapp,US,login", "has 3 fields but the header has 6"),
        ("whatsapp,US,login,,,,", "has 7 fields but the header has 6"),
        ("whatsapp", "has 1 field but the header has 6"),
        (#""a,b,c,d,e,f""#, "has 1 field but the header has 6"),
        ("", "is empty; expected 6 comma-separated fields"),
        ("\r", "is empty; expected 6 comma-separated fields"),
    ])
    func refusesTheWrongNumberOfFields(_ line: String, _ reason: String) {
        #expect(csvLineError(line) == ReportValidationError(field: "line", reason: reason))
    }

    @Test func refusesInvalidUTF8() throws {
        let decoder = try ReportCSVDecoder(headerLine: Self.header)
        let line = Array("whatsapp,US,login,,,caf".utf8) + [0xE9]
        #expect(throws: ReportValidationError(field: "line", reason: "is not valid UTF-8 (byte 0xE9 at column 24)")) {
            try decoder.decode(line)
        }
    }

    @Test(arguments: [
        ("region,problem", "has no \"service\" column; expected service,region,problem,at,reporter[,comment]"),
        ("service,at", "has no \"region\" column; expected service,region,problem,at,reporter[,comment]"),
        ("service,region,Service", "names the column \"service\" twice"),
        ("", "is empty; expected service,region,problem,at,reporter[,comment]"),
        (
            #"service,"region"#,
            "has a quoted field starting at column 9 that is not closed; a quoted field cannot span lines"
        ),
    ])
    func refusesHeadersWithoutTheRequiredColumns(_ header: String, _ reason: String) {
        #expect(csvHeaderError(header) == ReportValidationError(field: "header", reason: reason))
    }

    @Test func acceptsAByteOrderMarkAndCRLFInTheHeader() throws {
        let header = [0xEF, 0xBB, 0xBF] + Array("Service,REGION,\"at\"\r".utf8)
        let decoder = try ReportCSVDecoder(headerLine: header)
        #expect(decoder.fieldCount == 3)
        #expect(
            try decoder.decode("whatsapp,US,1709651523\r")
                == ReportInput(service: "whatsapp", region: "US", at: .text("1709651523")))
    }

    @Test func refusesAHeaderThatIsNotUTF8() {
        #expect(csvHeaderError(String(decoding: [0x73, 0xFF], as: UTF8.self)) != nil)
        let error: ReportValidationError?
        do {
            _ = try ReportCSVDecoder(headerLine: [0x73, 0xFF, 0x2C])
            error = nil
        } catch let caught {
            error = caught
        }
        #expect(error == ReportValidationError(field: "header", reason: "is not valid UTF-8 (byte 0xFF at column 2)"))
    }
}

/// Writes one CSV field by RFC 4180 (independently of the decoder): quoted when it must be, or when asked.
func csvField(_ text: String, quoteAlways: Bool) -> String {
    let mustQuote = text.contains(",") || text.contains("\"")
    guard mustQuote || quoteAlways else { return text }
    return "\"" + text.replacingQuotes() + "\""
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }
}
