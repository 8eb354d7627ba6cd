import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The `outcry export --format json` document is a public interface: its names and formats must not drift.
@Suite(.timeLimit(.minutes(10))) struct IncidentExportDocumentTests {
    static let incidentKeys: Set<String> = [
        "id", "service", "region", "status", "level", "label", "detected_at", "started_at", "peak_at", "ended_at",
        "peak_reports", "baseline_reports", "total_reports", "excess_reports", "scope", "regions", "top_problems",
        "problem_mix_shift", "summary", "evidence", "official",
    ]
    static let groupEventKeys: Set<String> = [
        "id", "group", "label", "status", "started_at", "ended_at", "epicentre", "collateral", "services",
        "incident_ids", "summary",
    ]
    static let evidenceKeys: Set<String> = [
        "baseline", "observed", "statistic", "ratio", "reporters", "possible_threshold", "likely_threshold",
        "minimum_ratio", "minimum_reporters", "baseline_mature",
    ]

    /// 2024-03-05T15:00:00Z plus `minutes`.
    static func at(_ minutes: Int64) -> Timestamp { Instants.outageAfternoon.adding(minutes: minutes) }

    static func incident(
        _ service: String, region: String = "global", startedAt: Int64, endedAt: Int64?, group: String? = "meta"
    ) throws -> Incident {
        let slug = try ServiceSlug.parse(service)
        let place = try Region.parseAllowingGlobal(region)
        return Incident(
            id: "\(service)/\(region)/\(startedAt)", service: slug, region: place,
            status: endedAt == nil ? .open : .resolved, level: .likely, detectedAt: at(startedAt + 4),
            startedAt: at(startedAt), peakAt: at(startedAt + 10), endedAt: endedAt.map(at), peakReports: 300,
            baselineReports: 12.5, totalReports: 900, excessReports: 850,
            scope: place.isGlobal ? .multiRegion : .regional,
            regions: [try Region.parse("US"), try Region.parse("DE")],
            topProblems: [ProblemShare(problem: .login, share: 0.75), ProblemShare(problem: .app, share: 0.25)],
            problemMixShift: 0.6, summary: "Unofficial: user reports indicate problems with \(service).",
            evidence: IncidentEvidence(
                baseline: 12.5, observed: 200, statistic: 20, ratio: 16, reporters: 180, possibleThreshold: 3,
                likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: true
            )
        )
    }

    static func document() throws -> IncidentExportDocument {
        let open = try incident("whatsapp", startedAt: 0, endedAt: nil)
        let resolved = try incident("instagram", startedAt: -5, endedAt: 75)
        let event = GroupEvent(
            id: "meta/20240305T1455Z", group: "meta", status: .open, startedAt: at(-5), endedAt: nil,
            epicentre: resolved.service, collateral: [open.service], services: [resolved.service, open.service],
            incidentIds: [resolved.id, open.id], summary: "Unofficial: user reports suggest problems."
        )
        return IncidentExportDocument(
            generatedAt: at(60), since: at(-60), until: nil, incidents: [open, resolved], groupEvents: [event]
        )
    }

    /// The document's JSON, parsed without our own types.
    static func parsed(_ document: IncidentExportDocument) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try document.jsonText().utf8))
        return try #require(object as? [String: Any])
    }

    @Test func topLevelNamesTheDocumentAsUnofficial() throws {
        let json = try Self.parsed(try Self.document())
        #expect(json["generated_at"] as? String == "2024-03-05T16:00:00Z")
        #expect(json["since"] as? String == "2024-03-05T14:00:00Z")
        #expect(json["label"] as? String == "unofficial")
        #expect((json["disclaimer"] as? String)?.hasPrefix("Unofficial:") == true)
        #expect((json["incidents"] as? [Any])?.count == 2)
        #expect((json["group_events"] as? [Any])?.count == 1)
    }

    @Test func incidentsHaveTheStableKeysAndUTCTimes() throws {
        let json = try Self.parsed(try Self.document())
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        let open = try #require(incidents.first { $0["id"] as? String == "whatsapp/global/0" })
        let resolved = try #require(incidents.first { $0["id"] as? String == "instagram/global/-5" })
        for incident in [open, resolved] {
            #expect(Set(incident.keys) == Self.incidentKeys)
            #expect(incident["label"] as? String == "unofficial")
            #expect(incident["level"] as? String == "likely")
            #expect(incident["scope"] as? String == "multi-region")
            #expect(incident["regions"] as? [String] == ["US", "DE"])
            #expect(incident["peak_reports"] as? Int == 300)
            #expect(incident["baseline_reports"] as? Double == 12.5)
            #expect(incident["total_reports"] as? Int == 900)
            #expect(incident["excess_reports"] as? Int == 850)
            let evidence = try #require(incident["evidence"] as? [String: Any])
            #expect(evidence["observed"] as? Double == 200 && evidence["reporters"] as? Int == 180)
            let problems = try #require(incident["top_problems"] as? [[String: Any]])
            #expect(problems.map { Set($0.keys) } == [["problem", "share"], ["problem", "share"]])
            #expect(problems.first?["problem"] as? String == "login")
            #expect(problems.first?["share"] as? Double == 0.75)
        }
        #expect(open["status"] as? String == "open")
        #expect(open["service"] as? String == "whatsapp" && open["region"] as? String == "global")
        #expect(open["started_at"] as? String == "2024-03-05T15:00:00Z")
        #expect(open["detected_at"] as? String == "2024-03-05T15:04:00Z")
        #expect(open["peak_at"] as? String == "2024-03-05T15:10:00Z")
        #expect(open["ended_at"] is NSNull, "ended_at must be null while open, not missing")
        #expect(resolved["status"] as? String == "resolved")
        #expect(resolved["started_at"] as? String == "2024-03-05T14:55:00Z")
        #expect(resolved["ended_at"] as? String == "2024-03-05T16:15:00Z")
    }

    @Test func evidenceKeysAreSnakeCaseLikeTheRestOfTheDocument() throws {
        let json = try Self.parsed(try Self.document())
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        let evidence = try #require(incidents.first?["evidence"] as? [String: Any])
        #expect(Set(evidence.keys) == Self.evidenceKeys)
    }

    @Test func groupEventsHaveTheStableKeys() throws {
        let json = try Self.parsed(try Self.document())
        let events = try #require(json["group_events"] as? [[String: Any]])
        let event = try #require(events.first)
        #expect(Set(event.keys) == Self.groupEventKeys)
        #expect(event["label"] as? String == "unofficial")
        #expect(event["started_at"] as? String == "2024-03-05T14:55:00Z")
        #expect(event["ended_at"] is NSNull, "ended_at must be null while open, not missing")
        #expect(event["epicentre"] as? String == "instagram")
        #expect(event["services"] as? [String] == ["instagram", "whatsapp"])
        #expect(event["incident_ids"] as? [String] == ["instagram/global/-5", "whatsapp/global/0"])
    }

    @Test func documentDecodesBackToTheSameIncidents() throws {
        let document = try Self.document()
        let decoded = try JSONDecoder().decode(IncidentExportDocument.self, from: Data(try document.jsonText().utf8))
        #expect(decoded.incidents == document.incidents)
        #expect(decoded.groupEvents == document.groupEvents)
        #expect(decoded.generatedAt == document.generatedAt)
    }

    @Test func exportOfARealReplayParses() throws {
        let world = try DetectionWorld()
        let middle = OutageFixture.outageStart.adding(minutes: 30)
        try world.replay(from: OutageFixture.start, to: middle)
        let selected = try world.withEngine { try $0.selectIncidents(IncidentSelection()) }
        let document = IncidentExportDocument(
            generatedAt: middle, since: nil, until: nil, incidents: selected.incidents,
            groupEvents: selected.groupEvents
        )
        let json = try Self.parsed(document)
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        #expect(incidents.count == selected.incidents.count && !incidents.isEmpty)
        let iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/
        for incident in incidents {
            #expect(Set(incident.keys) == Self.incidentKeys)
            for key in ["detected_at", "started_at", "peak_at"] {
                let text = try #require(incident[key] as? String)
                #expect(text.wholeMatch(of: iso) != nil, "\(key) \(text)")
            }
            #expect(incident["status"] as? String == "open")
            #expect(incident["ended_at"] is NSNull)
        }
    }
}
