import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// The hand-written JSON writer behind `--format json` must write byte for byte what JSONEncoder
/// (`[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, the oracle) writes, for any document.
@Suite(.timeLimit(.minutes(10))) struct EncoderParityTests {
    static func encoderText(_ document: IncidentExportDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    @Test(arguments: 0..<8)
    func randomDocumentsMatchJSONEncoder(batch: UInt64) throws {
        var random = RandomDocuments(seed: 0x5EED_0000 + batch)
        for _ in 0..<60 {
            let document = random.document()
            let expected = try Self.encoderText(document)
            let actual = try document.jsonText()
            if actual != expected {
                let index = zip(actual, expected).prefix { $0 == $1 }.count
                Issue.record("differs after \(index) characters: …\(actual.dropFirst(max(0, index - 60)).prefix(120))")
                return
            }
        }
    }

    @Test func goldenScenarioMatchesJSONEncoder() throws {
        let report = ExportScenario.report()
        #expect(try ExportRenderer.render(report, as: .json) == (try Self.encoderText(report.jsonDocument)) + "\n")
    }

    @Test func everyControlCharacterAndOddScalarsMatch() throws {
        var text = ""
        for value in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        text += "/ \u{2028}\u{2029}\u{FEFF}\u{FFFD}é😀🇩🇪\r\n"
        var random = RandomDocuments(seed: 1)
        var document = random.document()
        document.disclaimer = text
        document.incidents = document.incidents.map { incident in
            var copy = incident
            copy.summary = text
            return copy
        }
        #expect(try document.jsonText() == (try Self.encoderText(document)))
    }

    @Test func numbersAreWrittenLikeJSONEncoder() throws {
        let values: [Double] = [
            0, -0.0, 1, -1, 0.1, 12.5, 100, 1e-7, 1e15, 1e16, 9_007_199_254_740_992, 123_456_789.123, 2.0 / 3.0,
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, -3.25, 0.30000000000000004,
        ]
        var random = RandomDocuments(seed: 2)
        var document = random.document()
        var incident = random.incident()
        for value in values {
            incident.baselineReports = value
            incident.evidence.statistic = -value
            document.incidents = [incident]
            #expect(try document.jsonText() == (try Self.encoderText(document)), "\(value)")
        }
    }

    @Test func emptyDocumentAndMissingRangeMatch() throws {
        let document = IncidentExportDocument(
            generatedAt: Timestamp(seconds: 0), since: nil, until: nil, incidents: [], groupEvents: []
        )
        #expect(try document.jsonText() == (try Self.encoderText(document)))
        #expect(try document.jsonText().contains("\"incidents\" : [\n\n  ]"))
    }

    @Test func nonFiniteNumbersThrowLikeJSONEncoder() throws {
        var random = RandomDocuments(seed: 4)
        var document = random.document()
        var incident = random.incident()
        incident.problemMixShift = .nan
        document.incidents = [incident]
        #expect(throws: (any Error).self) { try Self.encoderText(document) }
        #expect(throws: (any Error).self) { try document.jsonText() }
    }
}

/// Seeded random export documents that reach every branch of the writer: open and resolved incidents, empty
/// and long arrays, all three official states, escapes, odd numbers, documents with and without a range.
struct RandomDocuments {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func chance(_ probability: Double) -> Bool { random.nextUnit() < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[random.nextInt(below: values.count)] }

    mutating func text() -> String {
        let pieces = [
            "Unofficial: user reports indicate problems", "\"", "\\", "/", "\n", "\r\n", "\t", "\u{1}", "\u{8}",
            "\u{C}",
            "\u{1F}", "\u{7F}", "é", "😀", "\u{2028}", " — ", "<b>&amp;</b>", "", "https://status.example.com/x?y=1",
        ]
        return (0..<random.nextInt(below: 6)).map { _ in pick(pieces) }.joined()
    }

    mutating func number() -> Double {
        switch random.nextInt(below: 6) {
        case 0: Double(random.nextInt(below: 1000))
        case 1: random.nextUnit()
        case 2: (random.nextUnit() - 0.5) * 1e6
        case 3: random.nextUnit() * 1e-6
        case 4: Double(random.nextInt(below: 1000)) / 8
        default: pick([1e16, 1e21, -0.0, 0, 1e-7, 2.5e300])
        }
    }

    mutating func time() -> Timestamp { Timestamp(seconds: Int64(random.nextInt(below: 4_000_000_000)) - 500_000_000) }

    static let slugs = ["whatsapp", "aws-s3", "x", "svc0001", "9gag"].compactMap(ServiceSlug.init(rawValue:))
    static let regions = ["global", "US", "DE-BE", "GB", "JP-13"].compactMap { try? Region.parseAllowingGlobal($0) }

    mutating func slug() -> ServiceSlug { pick(Self.slugs) }

    mutating func region() -> Region { pick(Self.regions) }

    mutating func official() -> OfficialAcknowledgement? {
        switch random.nextInt(below: 4) {
        case 0: nil
        case 1: .notAcknowledged
        case 2:
            OfficialAcknowledgement(
                status: .acknowledged, acknowledgedAt: time(), leadMinutes: random.nextInt(below: 400) - 100,
                title: text(),
                url: text(), incidentID: text(), impact: pick(["none", "minor", "major", "critical"])
            )
        default:
            OfficialAcknowledgement(
                status: pick(OfficialAcknowledgement.Status.allCases), acknowledgedAt: chance(0.5) ? time() : nil,
                leadMinutes: chance(0.5) ? random.nextInt(below: 100) : nil, title: chance(0.5) ? text() : nil
            )
        }
    }

    mutating func incident() -> Incident {
        let ended = chance(0.7) ? time() : nil
        var incident = Incident(
            id: text() + "/" + String(random.nextInt(below: 1_000_000)), service: slug(), region: region(),
            status: ended == nil ? .open : .resolved, level: pick(AlertLevel.allCases), detectedAt: time(),
            startedAt: time(), peakAt: time(), endedAt: ended, peakReports: random.nextInt(below: 100_000) - 10,
            baselineReports: number(), totalReports: random.nextInt(below: 10_000_000),
            excessReports: random.nextInt(below: 100) - 50,
            scope: pick(IncidentScope.allCases), regions: (0..<random.nextInt(below: 4)).map { _ in region() },
            topProblems: (0..<random.nextInt(below: 4)).map { _ in
                ProblemShare(problem: pick(ProblemKind.allCases), share: number())
            },
            problemMixShift: number(), summary: text(),
            evidence: IncidentEvidence(
                baseline: number(), observed: number(), statistic: number(), ratio: number(),
                reporters: random.nextInt(below: 500),
                possibleThreshold: number(), likelyThreshold: number(), minimumRatio: number(),
                minimumReporters: random.nextInt(below: 50), baselineMature: chance(0.5)
            )
        )
        incident.official = official()
        if chance(0.1) { incident.label = text() }
        return incident
    }

    mutating func groupEvent() -> GroupEvent {
        let ended = chance(0.5) ? time() : nil
        return GroupEvent(
            id: text(), group: text(), status: ended == nil ? .open : .resolved, startedAt: time(), endedAt: ended,
            epicentre: slug(), collateral: (0..<random.nextInt(below: 3)).map { _ in slug() },
            services: (0..<random.nextInt(below: 4)).map { _ in slug() },
            incidentIds: (0..<random.nextInt(below: 3)).map { _ in text() }, summary: text()
        )
    }

    mutating func document() -> IncidentExportDocument {
        var document = IncidentExportDocument(
            generatedAt: time(), since: chance(0.6) ? time() : nil, until: chance(0.6) ? time() : nil,
            incidents: (0..<random.nextInt(below: 5)).map { _ in incident() },
            groupEvents: (0..<random.nextInt(below: 3)).map { _ in groupEvent() }
        )
        if chance(0.2) { document.label = text() }
        if chance(0.2) { document.disclaimer = text() }
        return document
    }
}
