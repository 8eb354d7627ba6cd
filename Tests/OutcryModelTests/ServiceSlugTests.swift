import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ServiceSlugTests {
    /// The rule, written without looking at the parser: `[a-z0-9][a-z0-9-]*`, 1…63 characters.
    static func isSlug(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...63).contains(scalars.count) else { return false }
        func isLowerOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return isLowerOrDigit(scalars[0]) && scalars.dropFirst().allSatisfy { isLowerOrDigit($0) || $0 == "-" }
    }

    @Test func acceptsGeneratedStringsExactlyWhenTheyAreSlugs() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("abcxyz0189-") + Array("A_. é/ß\u{301}")
        var acceptedCount = 0
        for _ in 0..<5000 {
            let length = generator.int(0...70)
            // Mostly slug characters, so both outcomes are common.
            let text = String(
                (0..<length).map { _ in
                    generator.chance(0.97) ? generator.pick(Array("abcxyz0189-")) : generator.pick(alphabet)
                })
            let parsed = try? ServiceSlug.parse(text)
            #expect((parsed != nil) == Self.isSlug(text), "\(text.debugDescription)")
            #expect((ServiceSlug(rawValue: text) != nil) == Self.isSlug(text))
            if let parsed {
                acceptedCount += 1
                #expect(parsed.rawValue == text)
                #expect(parsed.description == text)
            }
        }
        #expect(acceptedCount > 500)
    }

    @Test(arguments: ["whatsapp", "aws-s3", "0", "a-", String(repeating: "a", count: 63)])
    func acceptsSlugs(_ text: String) throws {
        #expect(try ServiceSlug.parse(text).rawValue == text)
    }

    @Test(arguments: ["", "-aws", "WhatsApp", "what sapp", "aws_s3", "café", String(repeating: "a", count: 64)])
    func refusesNonSlugsNamingTheField(_ text: String) {
        let error = #expect(throws: ReportValidationError.self) { try ServiceSlug.parse(text) }
        #expect(error?.field == "service")
        let named = #expect(throws: ReportValidationError.self) { try ServiceSlug.parse(text, field: "slug") }
        #expect(named?.field == "slug")
        #expect(named?.description.hasPrefix("slug ") == true)
    }

    @Test func explainsWhatIsAllowed() {
        let error = #expect(throws: ReportValidationError.self) { try ServiceSlug.parse("Whats App") }
        #expect(error?.reason.contains("lower-case letters, digits and '-'") == true)
        let long = #expect(throws: ReportValidationError.self) {
            try ServiceSlug.parse(String(repeating: "a", count: 64))
        }
        #expect(long?.reason.contains("longer than 63") == true)
    }

    @Test func ordersByText() throws {
        #expect(try ServiceSlug.parse("aws") < ServiceSlug.parse("github"))
    }

    @Test func quotesAndShortensLongValues() {
        #expect(quoted("XX") == "\"XX\"")
        let long = String(repeating: "x", count: 100)
        #expect(quoted(long) == "\"\(String(repeating: "x", count: 40))…\"")
    }
}
