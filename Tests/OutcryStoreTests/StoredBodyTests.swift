import Foundation
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The store's fast incident reader must read exactly what JSONDecoder reads, for any incident it wrote.
@Suite(.timeLimit(.minutes(10))) struct StoredBodyTests {
    static func incident(summary: String, region: String = "US", endedAt: Timestamp? = Timestamp(seconds: 1_709_660_000))
        -> Incident
    {
        Incident(
            id: "whatsapp/\(region)/20240305T1531Z", service: ServiceSlug(rawValue: "whatsapp")!,
            region: try! Region.parseAllowingGlobal(region), status: endedAt == nil ? .open : .resolved, level: .likely,
            detectedAt: Timestamp(seconds: 1_709_652_660), startedAt: Timestamp(seconds: 1_709_652_660 - 300),
            peakAt: Timestamp(seconds: 1_709_653_500), endedAt: endedAt, peakReports: 1234, baselineReports: 30.201191793651972,
            totalReports: 9876, excessReports: 9000, scope: region == "global" ? .global : .regional,
            regions: [try! Region.parse("US"), try! Region.parse("DE-BE")],
            topProblems: [ProblemShare(problem: .login, share: 0.7612), ProblemShare(problem: .app, share: 0.1)],
            problemMixShift: 0.21682289998429022, summary: summary,
            evidence: IncidentEvidence(
                baseline: 30.2, observed: 387, statistic: 15.25, ratio: 12.814063850332689, reporters: 100,
                possibleThreshold: 3, likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: false
            )
        )
    }

    @Test(arguments: [
        "Unofficial: user reports indicate problems with WhatsApp (login 76%) in US since 15:31 UTC — 14× the usual volume.",
        "quotes \" and backslash \\ and tab \t and newline \n and slash / and emoji 🛑 and Ünïcödé",
        "",
    ])
    func fastReaderAgreesWithJSONDecoder(summary: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for incident in [Self.incident(summary: summary), Self.incident(summary: summary, region: "global", endedAt: nil)] {
            let body = Array(try encoder.encode(incident))
            let viaFoundation = try JSONDecoder().decode(Incident.self, from: Data(body))
            let fast = try #require(StoredBody.fastIncident(body), "the fast path should read what the store writes")
            #expect(fast == viaFoundation)
            #expect(fast == incident)
            #expect(try StoredBody.incident(body) == incident)
        }
    }

    @Test func unfamiliarBodiesFallBackToJSONDecoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let incident = Self.incident(summary: "a \u{0001} control character")
        let body = Array(try encoder.encode(incident))  // JSONEncoder writes \u0001, which the fast path declines
        #expect(StoredBody.fastIncident(body) == nil)
        #expect(try StoredBody.incident(body) == incident)
        #expect(StoredBody.fastIncident(Array("{\"id\": ".utf8)) == nil)
        #expect(throws: (any Error).self) { try StoredBody.incident(Array("not json".utf8)) }
    }

    @Test(arguments: [
        OfficialAcknowledgement(
            status: .acknowledged, acknowledgedAt: Timestamp(seconds: 1_709_654_280), leadMinutes: 27,
            title: "Messaging delays \"EU\" / US", url: "https://status.example.com/incidents/abc", incidentID: "abc",
            impact: "major"
        ),
        OfficialAcknowledgement(status: .acknowledged, acknowledgedAt: Timestamp(seconds: 1_709_651_000), leadMinutes: -32),
        OfficialAcknowledgement.notAcknowledged,
    ])
    func fastReaderReadsTheOfficialAcknowledgement(official: OfficialAcknowledgement) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var incident = Self.incident(summary: "Unofficial: problems.")
        incident.official = official
        let body = Array(try encoder.encode(incident))
        let fast = try #require(StoredBody.fastIncident(body))
        #expect(fast.official == official)
        #expect(fast == (try JSONDecoder().decode(Incident.self, from: Data(body))))
    }

    @Test func officialWithoutOptionalKeysOrOfTheWrongTypeAgreesWithJSONDecoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(Self.incident(summary: "s")), as: UTF8.self)
        // Older bodies have no `official` key; a partial object omits the optional keys.
        let missing = text.replacingOccurrences(of: "\"official\":null,", with: "")
        #expect(missing != text)
        #expect(try #require(StoredBody.fastIncident(Array(missing.utf8))).official == nil)
        let partial = text.replacingOccurrences(of: "\"official\":null", with: "\"official\":{\"status\":\"not acknowledged\"}")
        #expect(try #require(StoredBody.fastIncident(Array(partial.utf8))).official == .notAcknowledged)
        let wrongType = text.replacingOccurrences(
            of: "\"official\":null", with: "\"official\":{\"status\":\"acknowledged\",\"lead_minutes\":\"soon\"}"
        )
        #expect(StoredBody.fastIncident(Array(wrongType.utf8)) == nil)
        #expect(throws: (any Error).self) { try StoredBody.incident(Array(wrongType.utf8)) }
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
            $0.startedAt != $1.startedAt ? $0.startedAt > $1.startedAt : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
        }
        #expect(try database.incidents().map(\.id) == expected.map(\.id), "whole table: read in storage order, sorted")
        let until = Timestamp(seconds: 1_709_000_000 + 5 * 60)
        let early = expected.filter { $0.startedAt <= until }
        #expect(early.count * 4 < incidents.count, "a small share takes the onset index")
        #expect(try database.incidents(IncidentQuery(until: until)).map(\.id) == early.map(\.id))
    }
}
