import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Every text field that reaches the database is capped in UTF-8 bytes, whatever its characters look like.
@Suite(.timeLimit(.minutes(10))) struct ReportValidatorByteCapTests {
    static let validator = ReportValidator(
        services: [MonitoredService(slug: ReportValidatorTests.slug("whatsapp"))], now: ReportValidatorTests.now,
        defaultTime: ReportValidatorTests.now, source: .http
    )

    static func input(
        service: String = "whatsapp", region: String = "US", problem: String? = "login", reporter: String? = nil,
        comment: String? = nil
    ) -> ReportInput {
        ReportInput(service: service, region: region, problem: problem, reporter: reporter, comment: comment)
    }

    static func error(_ input: ReportInput) -> ReportValidationError? {
        do {
            _ = try validator.validate(input)
            return nil
        } catch {
            return error
        }
    }

    @Test func oneCharacterWithAMillionCombiningMarksIsRefusedByBytes() throws {
        let comment = "e" + String(repeating: "\u{0301}", count: 1_000_000)
        #expect(comment.count == 1, "one character")
        let error = try #require(Self.error(Self.input(comment: comment)))
        #expect(error.field == "comment")
        #expect(error.reason.contains("2000001 bytes"))
        #expect(error.reason.contains("at most \(ReportValidator.maximumCommentBytes) bytes"))
        #expect(error.description.utf8.count < 300, "the message does not echo the text")
    }

    @Test func twoHundredEightyEmojiFit() throws {
        let emoji = String(repeating: "😀", count: ReportValidator.maximumCommentLength)
        #expect(emoji.utf8.count <= ReportValidator.maximumCommentBytes)
        #expect(try Self.validator.validate(Self.input(comment: emoji)).comment == emoji)
        #expect(Self.error(Self.input(comment: emoji + "😀"))?.field == "comment")
    }

    @Test func fewCharactersOfManyScalarsAreRefused() {
        // A family emoji is one character of seven scalars (25 bytes): 200 of them are 5,000 bytes.
        let family = String(repeating: "👨‍👩‍👧‍👦", count: 200)
        #expect(family.count == 200)
        #expect(Self.error(Self.input(comment: family))?.reason.contains("bytes") == true)
    }

    @Test func propertyAcceptedCommentsNeverExceedTheCaps() {
        var random = SplitMix64(seed: 0xC0FFEE)
        let pieces = ["a", "é", "e\u{0301}", "\u{0301}", "😀", "👨‍👩‍👧‍👦", "🇺🇸", "\u{200D}", "|", "\"", "\u{FE0F}", "ß", "中"]
        for _ in 0..<2_000 {
            var comment = ""
            let count = random.chance(0.3) ? random.int(200...3_000) : random.int(1...300)
            for _ in 0..<count { comment += random.pick(pieces) }
            let bytes = comment.utf8.count
            let characters = comment.count
            let shouldPass =
                bytes <= ReportValidator.maximumCommentBytes && characters <= ReportValidator.maximumCommentLength
            do {
                let report = try Self.validator.validate(Self.input(comment: comment))
                #expect(shouldPass, "accepted \(bytes) bytes, \(characters) characters")
                #expect((report.comment?.utf8.count ?? 0) <= ReportValidator.maximumCommentBytes)
            } catch {
                #expect(!shouldPass, "refused \(bytes) bytes, \(characters) characters: \(error)")
                #expect(error.field == "comment")
            }
        }
    }

    @Test func reporterIsCappedInBytesNotCharacters() throws {
        let fits = String(repeating: "é", count: ReportValidator.maximumReporterLength / 2)
        #expect(try Self.validator.validate(Self.input(reporter: fits)).reporter == fits)
        let oneCharacter = "x" + String(repeating: "\u{0301}", count: 200)
        let error = try #require(Self.error(Self.input(reporter: oneCharacter)))
        #expect(error.field == "reporter")
        #expect(error.reason.contains("at most \(ReportValidator.maximumReporterLength) bytes"))
        let huge = String(repeating: " ", count: 10_000_000)
        #expect(Self.error(Self.input(reporter: huge))?.field == "reporter")
    }

    @Test(arguments: ["service", "region", "problem"])
    func shortFieldsRefuseHugeTextByBytes(field: String) throws {
        let huge = "a" + String(repeating: "\u{0301}", count: 100_000)
        let input: ReportInput
        switch field {
        case "service": input = Self.input(service: huge)
        case "region": input = Self.input(region: huge)
        default: input = Self.input(problem: huge)
        }
        let error = try #require(Self.error(input))
        #expect(error.field == field)
        #expect(error.reason.contains("at most \(ReportValidator.maximumShortFieldBytes) bytes"))
        #expect(error.description.utf8.count < 200)
    }

    @Test func quotedValuesInErrorsAreBoundedInScalars() {
        let text = String(repeating: "e\u{0301}\u{0302}\u{0303}", count: 1_000)
        let message = quoted(text)
        #expect(message.unicodeScalars.count <= 43)
        #expect(quoted("short") == "\"short\"")
    }

    @Test func serviceDisplayNamesAreCappedInBytes() {
        #expect(throws: Never.self) { try MonitoredService.checkName("WhatsApp") }
        let long = "W" + String(repeating: "\u{0301}", count: 500)
        #expect(throws: ReportValidationError.self) { try MonitoredService.checkName(long) }
        #expect(throws: ReportValidationError.self) { try MonitoredService.checkName("  ") }
    }
}
