import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// End to end: a stored crowd incident, a status page read over HTTP, and what the incident then says.
@Suite(.timeLimit(.minutes(10))) struct OfficialAcknowledgementTests {
    static let expectedSentence =
        #" The official status page acknowledged it at 15:58 UTC (27 min after users began reporting): "Messaging delays"."#

    /// Stores the fixtures' crowd incident, links WhatsApp to the fake page and reads it once.
    func syncedWorld(
        component: String? = nil, crowd: Incident = StatuspageFixtures.crowdIncident()
    ) async throws -> OfficialWorld {
        let world = try OfficialWorld()
        try world.engine.store { try $0.saveIncidents([crowd]) }
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL, component: component)
            let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(results.first?.isSuccess == true)
        }
        return world
    }

    func storedIncidents(_ world: OfficialWorld) throws -> [Incident] {
        try world.engine.store { try $0.incidents() }
    }

    @Test func aCrowdIncidentIsAcknowledgedWithItsLeadTime() async throws {
        let world = try await syncedWorld()
        var incidents = try storedIncidents(world)
        try world.engine.attachOfficial(to: &incidents)
        let incident = try #require(incidents.first)
        let official = try #require(incident.official)
        #expect(official.status == .acknowledged)
        #expect(official.acknowledgedAt == StatuspageFixtures.acknowledgedAt)
        #expect(official.leadMinutes == 27)
        #expect(official.title == "Messaging delays")
        #expect(official.url == StatuspageFixtures.openIncidentShortlink)
        #expect(official.incidentID == StatuspageFixtures.openIncidentID)
        #expect(official.impact == "major")
        #expect(incident.label == Incident.unofficialLabel)
        #expect(incident.summary.hasPrefix("Unofficial: "))
        #expect(incident.summary.hasSuffix(Self.expectedSentence), "\(incident.summary)")
    }

    @Test func theJSONFormCarriesTheOfficialObject() async throws {
        let world = try await syncedWorld()
        let incidents = try world.engine.withOfficial(try storedIncidents(world))
        let data = try JSONEncoder().encode(try #require(incidents.first))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["label"] as? String == "unofficial")
        let official = try #require(object["official"] as? [String: Any])
        #expect(official["status"] as? String == "acknowledged")
        #expect(official["acknowledged_at"] as? String == "2024-03-05T15:58:12Z")
        #expect(official["lead_minutes"] as? Int == 27)
        #expect(official["title"] as? String == "Messaging delays")
        #expect(official["url"] as? String == StatuspageFixtures.openIncidentShortlink)
    }

    @Test func attachingTwiceAddsOneSentence() async throws {
        let world = try await syncedWorld()
        var incidents = try storedIncidents(world)
        try world.engine.attachOfficial(to: &incidents)
        try world.engine.attachOfficial(to: &incidents)
        let summary = try #require(incidents.first?.summary)
        #expect(summary.components(separatedBy: "The official status page").count == 2)
    }

    @Test func aServiceWithoutSourceHasNoOfficialField() async throws {
        let world = try await syncedWorld()
        let gmail = StatuspageFixtures.crowdIncident(service: world.gmail)
        let incidents = try world.engine.withOfficial([gmail])
        #expect(incidents.first?.official == nil)
        #expect(incidents.first?.summary == gmail.summary)
    }

    @Test func anUnmatchedIncidentIsNotAcknowledged() async throws {
        let world = try await syncedWorld()
        // A crowd incident a week earlier, over long before anything on the page.
        let earlier = StatuspageFixtures.crowdIncident(
            startedAt: Instants.startOfMarch.adding(minutes: 60), endedAt: Instants.startOfMarch.adding(minutes: 90)
        )
        let incidents = try world.engine.withOfficial([earlier])
        #expect(incidents.first?.official == .notAcknowledged)
        #expect(incidents.first?.summary.hasSuffix(" The official status page has not acknowledged it.") == true)
    }

    @Test func theLinkedComponentDecides() async throws {
        let calls = try await syncedWorld(component: "Voice and Video Calls")
        #expect(try calls.engine.withOfficial(try storedIncidents(calls)).first?.official == .notAcknowledged)
        let messaging = try await syncedWorld(component: "Messaging")
        #expect(try messaging.engine.withOfficial(try storedIncidents(messaging)).first?.official?.leadMinutes == 27)
    }

    @Test func theAcknowledgementSurvivesAPageThatLaterFails() async throws {
        let world = try await syncedWorld()
        world.clock.advance(minutes: 3)
        // The loopback server that served the page is gone: the next read fails.
        let results = try await world.engine.syncOfficialSources(
            fetcher: OfficialWorld.fetcher(timeout: .milliseconds(500)))
        #expect(results.first?.isSuccess == false)
        #expect(try world.source()?.consecutiveFailures == 1)
        #expect(try world.engine.withOfficial(try storedIncidents(world)).first?.official?.leadMinutes == 27)
    }

    @Test func anOpenOfficialIncidentAcknowledgesAnOpenCrowdIncident() async throws {
        let world = try await syncedWorld()
        let open = StatuspageFixtures.crowdIncident(startedAt: StatuspageFixtures.crowdOnset.adding(minutes: 40))
        let acknowledged = try world.engine.withOfficial([open]).first?.official
        #expect(acknowledged?.leadMinutes == -12, "the page spoke 12 minutes before this onset")
        #expect(
            try world.engine.withOfficial([open]).first?.summary.contains("(12 min before users began reporting)")
                == true
        )
    }
}

extension OfficialAcknowledgementTests {
    @Test func anAcknowledgementOnAnotherDayNamesTheDate() async throws {
        let world = try await syncedWorld()
        let overnight = StatuspageFixtures.crowdIncident(
            startedAt: try #require(Timestamp(iso8601: "2024-03-04T23:50:00Z")))
        let incident = try #require(try world.engine.withOfficial([overnight]).first)
        #expect(incident.official?.leadMinutes == 968)
        #expect(
            incident.summary.contains("acknowledged it at 2024-03-05 15:58 UTC (968 min after users began reporting)"))
    }
}
