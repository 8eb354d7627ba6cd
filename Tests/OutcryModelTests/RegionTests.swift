import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct RegionTests {
    /// Codes every list of assigned ISO 3166-1 codes must hold.
    static let knownAssigned = ["US", "DE", "GB", "FR", "JP", "BR", "IN", "CA", "AU", "CN", "ZA", "NZ", "SS", "AX"]
    /// Codes that are not assigned countries: reserved (UK, EU, UN, EZ, AC, TA), withdrawn (AN, YU, SU, CS, ZR)
    /// or user-assigned (XK, XX, AA, ZZ, QM…QZ).
    static let knownUnassigned = [
        "UK", "XX", "EU", "XK", "AN", "UN", "EZ", "AC", "TA", "YU", "SU", "CS", "ZR", "AA", "ZZ", "QM", "QZ", "XA",
    ]

    static var allLetterPairs: [String] {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Character(Unicode.Scalar($0)) }
        return letters.flatMap { first in letters.map { String([first, $0]) } }
    }

    static func isAccepted(_ code: String) -> Bool { (try? Region.parse(code)) != nil }

    @Test func acceptsExactlyTheAssignedLetterPairs() {
        let accepted = Set(Self.allLetterPairs.filter(Self.isAccepted))
        #expect(accepted.count == 249)
        for code in Self.knownAssigned { #expect(accepted.contains(code), "\(code) should be accepted") }
        for code in Self.knownUnassigned { #expect(!accepted.contains(code), "\(code) should be refused") }
        // The user-assigned block XA…XZ is never a country.
        #expect(accepted.allSatisfy { !$0.hasPrefix("X") })
    }

    @Test func acceptsEveryAssignedCodeInAnyCase() throws {
        var generator = SplitMix64(seed: 1)
        for code in Self.allLetterPairs where Self.isAccepted(code) {
            let lower = code.lowercased()
            let mixed = String(
                code.enumerated().map { generator.chance(0.5) ? Character($0.element.lowercased()) : $0.element })
            for spelling in [lower, mixed, " \(code)\t"] {
                #expect(try Region.parse(spelling).code == code)
            }
        }
    }

    @Test(arguments: ["US-CA", "us-ca", "DE-BY", "GB-ENG", "FR-75", "US-1"])
    func acceptsSubdivisions(_ text: String) throws {
        let region = try Region.parse(text)
        #expect(region.code == text.uppercased())
        #expect(region.country == String(text.prefix(2)).uppercased())
        #expect(region.parent?.code == String(text.prefix(2)).uppercased())
    }

    @Test(arguments: ["US-CALI", "US-", "US-C$", "XX-CA", "U", "USA", "", "   ", "U S", "US_CA", "-CA"])
    func refusesMalformedRegions(_ text: String) {
        let error = #expect(throws: ReportValidationError.self) { try Region.parse(text) }
        #expect(error?.field == "region")
    }

    @Test func refusesNonASCIILettersThatUppercaseToACode() {
        // "ſ" (long s) upper-cases to "S" and dotless "ı" to "I"; neither is an ISO 3166-1 code.
        for text in ["uſ", "ın", "ＵＳ"] {
            #expect(throws: ReportValidationError.self) { try Region.parse(text) }
        }
    }

    @Test func explainsUnassignedCodes() {
        let error = #expect(throws: ReportValidationError.self) { try Region.parse("XX") }
        #expect(error?.description == "region \"XX\" is not an ISO 3166-1 code")
    }

    @Test func reservesGlobalForAggregates() throws {
        for text in ["global", "GLOBAL", " Global "] {
            let error = #expect(throws: ReportValidationError.self) { try Region.parse(text) }
            #expect(error?.reason.contains("reserved") == true)
            #expect(try Region.parseAllowingGlobal(text) == .global)
        }
        #expect(Region.global.isGlobal)
        #expect(Region.global.parent == nil)
        #expect(Region.global.country == nil)
        #expect(try Region.parse("DE").parent == .global)
    }

    @Test func namesTheFieldGiven() {
        let error = #expect(throws: ReportValidationError.self) { try Region.parse("XX", field: "regions[2]") }
        #expect(error?.field == "regions[2]")
    }

    @Test func trimsCarriageReturnAndNewline() throws {
        #expect(try Region.parse("US\r\n").code == "US")
        #expect(" a b \r\n".trimmingASCIIWhitespace() == "a b")
        #expect("\r\n\t ".trimmingASCIIWhitespace() == "")
        #expect(" é ".trimmingASCIIWhitespace() == "é")
    }
}
