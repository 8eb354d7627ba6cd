import Foundation
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The store reads back exactly what it wrote, through the incident's field table and the model's JSON reader;
/// anything else gets an error naming the field and the place.
@Suite(.timeLimit(.minutes(10))) struct StoredBodyTests {
    static func incident(
        summary: String, region: String = "US", endedAt: Timestamp? = Timestamp(seconds: 1_709_660_000)
    )
        -> Incident
    {
        Incident(
            id: "whatsapp/\(region)/20240305T1531Z", service: ServiceSlug(rawValue: "whatsapp")!,
            region: try! Region.parseAllowingGlobal(region), status: endedAt == nil ? .open : .resolved, level: .likely,
            detectedAt: Timestamp(seconds: 1_709_652_660), startedAt: Timestamp(seconds: 1_709_652_660 - 300),
            peakAt: Timestamp(seconds: 1_709_653_500), endedAt: endedAt, peakReports: 1234,
            baselineReports: 30.201191793651972,
            totalReports: 9876, excessReports: 9000, scope: region == "global" ? .global : .regional,
            regions: [try! Region.parse("US"), try! Region.parse("DE-BE")],
            topProblems: [ProblemShare(problem: .login, share: 0.7612), ProblemShare(problem: .app, share: 0.1)],
            problemMixShift: 0.21682289998429022, summary: summary,
            evidence: IncidentEvidence(
                baseline: 30.2, observed: 387, statistic: 15.25, ratio: 12.814063850332689, reporters: 100,
                possibleThreshold: 3, likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10,
                baselineMature: false
            )
        )
    }

    /// The store's encoder: sorted keys, slashes as they are.
    static func body(_ incident: Incident, sorted: Bool = true) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = sorted ? [.sortedKeys, .withoutEscapingSlashes] : []
        return Array(try encoder.encode(incident))
    }

    @Test(arguments: [
        "Unofficial: user reports indicate problems with WhatsApp (login 76%) in US since 15:31 UTC — 14× the usual volume.",
        "quotes \" and backslash \\ and tab \t and newline \n and slash / and emoji 🛑 and Ünïcödé",
        "a \u{0001} control character, \u{8} and \u{C}, \u{1F}, a lone \u{7F}",
        "",
    ])
    func storedBodiesReadBackAsWritten(summary: String) throws {
        let open = Self.incident(summary: summary, region: "global", endedAt: nil)
        for incident in [Self.incident(summary: summary), open] {
            for sorted in [true, false] {
                let body = try Self.body(incident, sorted: sorted)
                #expect(try StoredBody.incident(body) == incident)
                #expect(
                    try JSONDecoder().decode(Incident.self, from: Data(body)) == incident, "Codable: the same table")
            }
        }
    }

    @Test func brokenBodiesGetAnErrorSayingWhereAndWhat() throws {
        let text = String(decoding: try Self.body(Self.incident(summary: "s")), as: UTF8.self)
        let cases: [(body: String, says: [String])] = [
            ("{\"id\": ", ["is not valid JSON", "end of body"]),
            ("not json", ["is not valid JSON: expected 'null' at column 1"]),
            ("", ["is not valid JSON: expected a value at column 1 (end of body)"]),
            ("[]", ["must be a JSON object, not a JSON array"]),
            (
                text.replacingOccurrences(of: "\"peak_reports\":1234", with: "\"peak_reports\":\"many\""),
                ["field `peak_reports` must be an integer, not a string", "column"]
            ),
            (text.replacingOccurrences(of: "\"peak_reports\":1234,", with: ""), ["field `peak_reports` is missing"]),
            (
                text.replacingOccurrences(of: "\"status\":\"resolved\"", with: "\"status\":\"gone\""),
                ["field `status` is \"gone\"; expected one of open, resolved"]
            ),
            (
                text.replacingOccurrences(of: "\"US\",\"DE-BE\"", with: "\"US\",\"XX\""),
                ["field `regions[1]`", "\"XX\" is not an ISO 3166-1 code"]
            ),
            (
                text.replacingOccurrences(of: "\"reporters\":100", with: "\"reporters\":1e300"),
                ["field `evidence.reporters` must be a whole number"]
            ),
            (text.replacingOccurrences(of: "\"id\":", with: "\"id\":null,\"x\":"), ["field `id` must not be null"]),
            (text + " {}", ["is not valid JSON: expected the end of the text"]),
            (
                text.replacingOccurrences(of: "\"summary\":\"s\"", with: "\"summary\":\"\\ud800\""),
                ["lone surrogate"]
            ),
        ]
        for (body, says) in cases {
            do {
                _ = try StoredBody.incident(Array(body.utf8))
                Issue.record("read \(body.prefix(60))")
            } catch {
                for phrase in says { #expect(error.description.contains(phrase), "\(error)") }
                #expect(error.description.hasPrefix("Incident "))
            }
        }
        #expect(throws: WireDecodingError.self) { try StoredBody.incident([0x7B, 0xFF, 0x7D]) }
    }

    /// Hostile bodies: damaged copies of a real one (bytes flipped, cut short, nesting where values belong) get
    /// a ``WireDecodingError`` or read as an incident, never a crash; the descent stops at the schema's depth.
    @Test func damagedBodiesNeverCrash() throws {
        let body = try Self.body(Self.incident(summary: "quotes \" and \\ and \u{1}"))
        let nested = String(repeating: "[", count: 100_000)
        let deep = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "[\"US\"", with: nested)
        #expect(throws: WireDecodingError.self) { try StoredBody.incident(Array(deep.utf8)) }
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("{}[]\":,\\-0123456789.eEtrufalsn \u{0}".utf8) + [0xC3, 0xFF, 0xED, 0xA0, 0x80]
        for _ in 0..<2_000 {
            var damaged = body
            for _ in 0...next(4) {
                switch next(3) {
                case 0: damaged[next(damaged.count)] = alphabet[next(alphabet.count)]
                case 1: damaged.removeSubrange(next(damaged.count)...)
                default: damaged.insert(alphabet[next(alphabet.count)], at: next(damaged.count))
                }
                if damaged.isEmpty { break }
            }
            do {
                _ = try StoredBody.incident(damaged)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func unknownMembersAreSkippedAndOldTimesInSecondsAreRead() throws {
        let incident = Self.incident(summary: "s")
        var text = String(decoding: try Self.body(incident), as: UTF8.self)
        // A notification payload carries the event's keys too; deep unknown values are skipped without recursion.
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        text = text.replacingOccurrences(
            of: "{\"baseline_reports\"", with: "{\"event\":\"opened\",\"deep\":\(deep),\"baseline_reports\"")
        text = text.replacingOccurrences(
            of: "\"detected_at\":\"2024-03-05T15:31:00Z\"", with: "\"detected_at\":1709652660")
        #expect(text.contains("1709652660"))
        #expect(try StoredBody.incident(Array(text.utf8)) == incident)
    }

    @Test(arguments: [
        OfficialAcknowledgement(
            status: .acknowledged, acknowledgedAt: Timestamp(seconds: 1_709_654_280), leadMinutes: 27,
            title: "Messaging delays \"EU\" / US", url: "https://status.example.com/incidents/abc", incidentID: "abc",
            impact: "major"
        ),
        OfficialAcknowledgement(
            status: .acknowledged, acknowledgedAt: Timestamp(seconds: 1_709_651_000), leadMinutes: -32),
        OfficialAcknowledgement.notAcknowledged,
    ])
    func readsTheOfficialAcknowledgement(official: OfficialAcknowledgement) throws {
        var incident = Self.incident(summary: "Unofficial: problems.")
        incident.official = official
        let body = try Self.body(incident)
        #expect(try StoredBody.incident(body).official == official)
        #expect(try StoredBody.incident(body) == (try JSONDecoder().decode(Incident.self, from: Data(body))))
    }

    @Test func officialWithoutOptionalKeysReadsAndOfTheWrongTypeIsAnError() throws {
        let text = String(decoding: try Self.body(Self.incident(summary: "s")), as: UTF8.self)
        // Older bodies have no `official` key; a partial object omits the optional keys.
        let missing = text.replacingOccurrences(of: "\"official\":null,", with: "")
        #expect(missing != text)
        #expect(try StoredBody.incident(Array(missing.utf8)).official == nil)
        let partial = text.replacingOccurrences(
            of: "\"official\":null", with: "\"official\":{\"status\":\"not acknowledged\"}")
        #expect(try StoredBody.incident(Array(partial.utf8)).official == .notAcknowledged)
        let wrongType = text.replacingOccurrences(
            of: "\"official\":null", with: "\"official\":{\"status\":\"acknowledged\",\"lead_minutes\":\"soon\"}"
        )
        #expect {
            try StoredBody.incident(Array(wrongType.utf8))
        } throws: { error in
            "\(error)".contains("field `official.lead_minutes` must be an integer, not a string")
        }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Incident.self, from: Data(wrongType.utf8)) }
    }

    @Test func groupEventsReadBackAsWritten() throws {
        let slugs = ["whatsapp", "instagram", "facebook"].compactMap(ServiceSlug.init(rawValue:))
        for endedAt in [nil, Timestamp(seconds: 1_709_660_000)] {
            let event = GroupEvent(
                id: "meta/20240305T1531Z", group: "meta", status: endedAt == nil ? .open : .resolved,
                startedAt: Timestamp(seconds: 1_709_652_660), endedAt: endedAt, epicentre: slugs[0],
                collateral: Array(slugs.dropFirst()), services: slugs, incidentIds: ["a/US/1", "b\"/global/2"],
                summary: "Unofficial: \u{8} Meta's apps"
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = Array(try encoder.encode(event))
            #expect(String(decoding: body, as: UTF8.self).contains("\"ended_at\":"), "null is written, not left out")
            #expect(try StoredBody.groupEvent(body) == event)
            #expect(try JSONDecoder().decode(GroupEvent.self, from: Data(body)) == event)
        }
    }

    @Test func wholeTableReadsComeBackInOnsetOrderLikeTheIndexedQuery() throws {
        let database = try OutcryDatabase.inMemory()
        var incidents: [Incident] = []
        for index in 0..<300 {
            var incident = Self.incident(summary: "s \(index)", endedAt: nil)
            // Shared onsets (ties broken by id bytes, "Z" < "a"), scattered insertion order.
            incident.startedAt = Timestamp(seconds: 1_709_000_000 + Int64((index * 7919) % 50) * 60)
            incident.id = "\(index % 2 == 0 ? "Z" : "a")/\((index * 104_729) % 1000)"
            incidents.append(incident)
        }
        try database.saveIncidents(incidents)
        let expected = incidents.sorted {
            $0.startedAt != $1.startedAt
                ? $0.startedAt > $1.startedAt : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
        }
        #expect(try database.incidents().map(\.id) == expected.map(\.id), "whole table: read in storage order, sorted")
        let until = Timestamp(seconds: 1_709_000_000 + 5 * 60)
        let early = expected.filter { $0.startedAt <= until }
        #expect(early.count * 4 < incidents.count, "a small share takes the onset index")
        #expect(try database.incidents(IncidentQuery(until: until)).map(\.id) == early.map(\.id))
    }
}
