import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportJSONDecoderTests {
    static let typical =
        #"{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"device-123"}"#

    @Test func decodesATypicalLine() throws {
        let input = try ReportJSONDecoder.decodeObject(Self.typical)
        #expect(
            input
                == ReportInput(
                    service: "whatsapp", region: "US", problem: "login", at: .text("2024-03-05T15:12:03Z"),
                    reporter: "device-123"
                )
        )
        #expect(try ReportJSONDecoder.decodeObject(Array(Self.typical.utf8)) == input)
    }

    @Test func roundTripsRandomReportsWrittenAnyValidWay() throws {
        var inputs = RandomReportInputs(generator: SplitMix64(seed: 11))
        var encoder = JSONTestEncoder(generator: SplitMix64(seed: 12))
        for _ in 0..<3000 {
            let input = inputs.input()
            let line = encoder.line(for: input)
            let decoded = try ReportJSONDecoder.decodeObject(line)
            #expect(decoded == input, "\(line)")
        }
    }

    @Test func refusesEveryProperPrefixOfAValidLine() {
        var inputs = RandomReportInputs(generator: SplitMix64(seed: 13))
        var encoder = JSONTestEncoder(generator: SplitMix64(seed: 14))
        for _ in 0..<200 {
            let bytes = Array(encoder.line(for: inputs.input()).utf8)
            guard let end = bytes.lastIndex(of: UInt8(ascii: "}")) else { continue }
            for length in 0..<end {
                let prefix = Array(bytes[..<length])
                // A prefix may cut a character in two: then it is not UTF-8, and says so.
                let error = jsonLineError(prefix)
                #expect(error?.field == "line", "\(String(decoding: prefix, as: UTF8.self))")
            }
        }
    }

    @Test func readsEscapes() throws {
        let line = #"{"comment":"q\"b\\s\/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 \u0000"}"#
        #expect(try ReportJSONDecoder.decodeObject(line).comment == "q\"b\\s/ \u{8}\u{C}\n\r\t é€ 😀 \u{0}")
        #expect(try ReportJSONDecoder.decodeObject(#"{"\u0073ervice":"x"}"#).service == "x")
    }

    @Test(arguments: [#"\ud83d"#, #"\ude00"#, #"\ud83d\u0041"#, #"\ud83dx"#, #"\ude00\ud83d"#])
    func refusesLoneSurrogates(_ escape: String) {
        for line in [#"{"comment":"a\#(escape)b"}"#, #"{"unknown":["\#(escape)"]}"#] {
            let error = jsonLineError(line)
            #expect(error?.field == "line")
            #expect(error?.reason.contains("lone surrogate") == true, "\(line)")
            #expect(
                error?.reason.contains("column \(column(of: "\\u", in: line) ?? 0)") == true,
                "\(String(describing: error))")
        }
    }

    @Test(arguments: [#"\x"#, #"\u12G4"#, #"\U0041"#, #"\u41"#, "\\'"])
    func refusesInvalidEscapes(_ escape: String) {
        let line = #"{"comment":"a\#(escape)b"}"#
        let error = jsonLineError(line)
        #expect(error?.field == "line")
        #expect(error?.reason.hasPrefix("is not valid JSON: invalid") == true, "\(String(describing: error))")
        #expect(error?.reason.hasSuffix("at column 14") == true, "\(String(describing: error))")
    }

    @Test func namesWhatWasExpectedAndWhere() throws {
        let missingComma = #"{"service":"whatsapp","region":"US" "problem":"login"}"#
        let expectedColumn = try #require(column(of: #" "problem""#, in: missingComma)) + 1
        #expect(
            jsonLineError(missingComma)
                == ReportValidationError(
                    field: "line", reason: "is not valid JSON: expected ',' or '}' at column \(expectedColumn)")
        )
        let cases: [(line: String, reason: String)] = [
            (#"{"service":"wha"#, "is not valid JSON: unterminated string starting at column 12"),
            (
                #"{"service":"whatsapp","#,
                "is not valid JSON: expected a key (a string in double quotes) at column 23 (end of line)"
            ),
            (#"{"service":"whatsapp""#, "is not valid JSON: expected ',' or '}' at column 22 (end of line)"),
            (#"{"service":"whatsapp",}"#, "is not valid JSON: expected a key (a string in double quotes) at column 23"),
            (#"{"service" "whatsapp"}"#, "is not valid JSON: expected ':' at column 12"),
            (#"{"service":}"#, "is not valid JSON: expected a value at column 12"),
            (#"{service:"whatsapp"}"#, "is not valid JSON: expected a key (a string in double quotes) at column 2"),
            (#"{'service':'whatsapp'}"#, "is not valid JSON: expected a key (a string in double quotes) at column 2"),
            (
                #"{"service":"whatsapp"}}"#,
                "is not valid JSON: expected the end of the line after the value at column 23"
            ),
            (#"{"a":1}{"b":2}"#, "is not valid JSON: expected the end of the line after the value at column 8"),
            (#"{"x":tru}"#, "is not valid JSON: expected 'true' at column 6"),
            (#"{"x":[1,2}"#, "is not valid JSON: expected ',' or ']' at column 10"),
            (#"{"x":{"a" 1}}"#, "is not valid JSON: expected ':' at column 11"),
            (#"{"x":01}"#, "is not valid JSON: expected ',' or '}' at column 7"),
            (#"{"x":1.}"#, "is not valid JSON: expected a digit after '.' at column 8"),
            (#"{"x":-}"#, "is not valid JSON: expected a digit at column 7"),
            (#"{"x":1e}"#, "is not valid JSON: expected a digit in the exponent at column 8"),
            (#"{"x":+1}"#, "is not valid JSON: expected a value at column 6"),
            (
                "{\"comment\":\"tab\there\"}",
                "is not valid JSON: control character 0x09 must be escaped inside a string at column 16"
            ),
            ("hello", "is not valid JSON: expected a value at column 1"),
            ("{", "is not valid JSON: expected a key (a string in double quotes) at column 2 (end of line)"),
        ]
        for (line, reason) in cases {
            #expect(jsonLineError(line) == ReportValidationError(field: "line", reason: reason), "\(line)")
        }
    }

    @Test(arguments: [
        ("[1]", "a JSON array"), (#""x""#, "a JSON string"), ("42", "a JSON number"), ("true", "a JSON boolean"),
        ("null", "null"), (#" [{"service":"whatsapp"}] "#, "a JSON array"),
    ])
    func refusesValuesThatAreNotObjects(_ line: String, _ kind: String) {
        let error = jsonLineError(line)
        #expect(error?.field == "line")
        #expect(error?.reason.hasPrefix("is \(kind), not an object") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["", "   ", "\t\r"])
    func refusesEmptyLines(_ line: String) {
        #expect(jsonLineError(line) == ReportValidationError(field: "line", reason: "is empty; expected a JSON object"))
    }

    @Test(arguments: [
        (#"{"region":1}"#, "region", "must be a string, not a number"),
        (#"{"service":{"name":"x"}}"#, "service", "must be a string, not an object"),
        (#"{"reporter":["a"]}"#, "reporter", "must be a string, not an array"),
        (#"{"problem":true}"#, "problem", "must be a string, not a boolean"),
        (#"{"comment":-1.5}"#, "comment", "must be a string, not a number"),
        (#"{"at":false}"#, "at", "must be a string or a number, not a boolean"),
        (#"{"at":[1709651523]}"#, "at", "must be a string or a number, not an array"),
        (#"{"service":"a","service":"b"}"#, "service", "is given twice"),
        (#"{"at":null,"at":1}"#, "at", "is given twice"),
        (#"{"region":"US","regio\u006e":"DE"}"#, "region", "is given twice"),
    ])
    func refusesKnownFieldsOfTheWrongTypeOrGivenTwice(_ line: String, _ field: String, _ reason: String) {
        #expect(jsonLineError(line) == ReportValidationError(field: field, reason: reason))
    }

    @Test func reportsBrokenJSONBeforeAWrongType() {
        #expect(jsonLineError(#"{"region":1,"#)?.field == "line")
    }

    @Test func treatsNullAsAbsentAndIgnoresUnknownKeys() throws {
        let line =
            #"{"service":"whatsapp","region":null,"meta":{"a":[1,{"b":null,"c":"}]"}],"d":{}},"#
            + #""list":[[],[[]],{"service":"evil"}],"flag":true,"n":-0.5e-7,"Service":"ignored","region2":"x"}"#
        #expect(try ReportJSONDecoder.decodeObject(line) == ReportInput(service: "whatsapp"))
        #expect(try ReportJSONDecoder.decodeObject("{}") == ReportInput())
        #expect(try ReportJSONDecoder.decodeObject(" \t{ } \r") == ReportInput())
    }

    @Test(arguments: [
        ("1709651523", 1_709_651_523.0), ("-1", -1), ("0", 0), ("1709651523.75", 1_709_651_523.75), ("1.5e3", 1500),
        ("2E2", 200), ("100000000000000000", 1e17),
    ])
    func readsNumericTimesAsEpochSeconds(_ literal: String, _ seconds: Double) throws {
        #expect(try ReportJSONDecoder.decodeObject(#"{"at":\#(literal)}"#).at == .epochSeconds(seconds))
        #expect(try ReportJSONDecoder.decodeObject(#"{"at":"\#(literal)"}"#).at == .text(literal))
    }

    @Test func acceptsCRLFAndAByteOrderMark() throws {
        #expect(try ReportJSONDecoder.decodeObject(Self.typical + "\r") == ReportJSONDecoder.decodeObject(Self.typical))
        #expect(
            try ReportJSONDecoder.decodeObject([0xEF, 0xBB, 0xBF] + Array(Self.typical.utf8)).service == "whatsapp")
    }

    @Test(
        arguments: [
            ([0xC3, 0x28], 0xC3),  // a lead byte without its continuation
            ([0xE9], 0xE9),  // Latin-1 "é"
            ([0x80], 0x80),  // a lone continuation byte
            ([0xC0, 0x80], 0xC0),  // an overlong NUL
            ([0xE0, 0x80, 0x80], 0xE0),  // an overlong form
            ([0xED, 0xA0, 0x80], 0xED),  // an encoded surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0xF4),  // above U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], 0xF5),
            ([0xFF], 0xFF),
            ([0xF0, 0x9F, 0x98], 0xF0),  // a truncated emoji
        ] as [([UInt8], UInt8)])
    func refusesInvalidUTF8NamingTheByteAndColumn(_ bad: [UInt8], _ byte: UInt8) {
        let hex = "0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        for (before, after) in [(#"{"comment":"é"#, #""}"#), (#"{"x":{"y":["#, "]}}"), (#"{"service":"a"}"#, "")] {
            let line = Array(before.utf8) + bad + Array(after.utf8)
            let expected = "is not valid UTF-8 (byte \(hex) at column \(before.utf8.count + 1))"
            #expect(jsonLineError(line) == ReportValidationError(field: "line", reason: expected))
        }
    }

    @Test func detectsInvalidUTF8ExactlyWhenTheStandardLibraryDoes() {
        var generator = SplitMix64(seed: 21)
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x80], [0xC3], [0xE2, 0x82], [0xF0],
            [0xED, 0xBF, 0xBF], [0xEE, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xC1, 0xBF], [0xFE],
        ]
        for _ in 0..<3000 {
            let text = (0..<generator.int(0...5)).flatMap { _ in generator.pick(pieces) }
            let line = Array(#"{"comment":""#.utf8) + text + Array(#""}"#.utf8)
            let isValid = Array(String(decoding: line, as: UTF8.self).utf8) == line
            let error = jsonLineError(line)
            if isValid {
                #expect(error == nil)
            } else {
                #expect(error?.field == "line")
                #expect(error?.reason.hasPrefix("is not valid UTF-8 (byte 0x") == true)
                // Everything before the named column is valid; the named byte is there.
                let reason = error?.reason ?? ""
                if let columnText = reason.split(separator: " ").last?.dropLast(),
                    let column = Int(columnText), column >= 1, column <= line.count
                {
                    let prefix = Array(line[..<(column - 1)])
                    #expect(Array(String(decoding: prefix, as: UTF8.self).utf8) == prefix)
                    #expect(reason.contains(String(line[column - 1], radix: 16, uppercase: true)))
                } else {
                    Issue.record("no column in \(reason)")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func decodesATenMegabyteLine() throws {
        var line = Array(#"{"service":"whatsapp","region":"US","comment":""#.utf8)
        line += [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        line += Array(#""}"#.utf8)
        let input = try ReportJSONDecoder.decodeObject(line)
        #expect(input.comment?.utf8.count == 10_000_000)
        #expect(input.service == "whatsapp")
    }

    @Test(.timeLimit(.minutes(10)))
    func skipsDeeplyNestedUnknownValuesWithoutRecursion() throws {
        let depth = 2_000_000
        var line = Array(#"{"deep":"#.utf8)
        line += [UInt8](repeating: UInt8(ascii: "["), count: depth)
        line += [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        line += Array(#","service":"whatsapp"}"#.utf8)
        #expect(try ReportJSONDecoder.decodeObject(line).service == "whatsapp")
        line.removeLast(30)
        #expect(jsonLineError(line)?.reason.hasPrefix("is not valid JSON: expected ',' or ']'") == true)
    }
}
