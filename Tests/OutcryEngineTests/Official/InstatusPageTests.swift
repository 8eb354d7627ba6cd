import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Instatus pages' public `summary.json` (instatus.com/help/api/public-data), read from a loopback page.
@Suite(.timeLimit(.minutes(10))) struct InstatusPageTests {
    static let summary = """
        {"page": {"name": "WhatsApp Status", "url": "https://whatsapp.instatus.example", "status": "HASISSUES"},
         "activeIncidents": [
           {"name": "Messaging delays", "started": "Tue Mar 05 2024 15:27:00 GMT+0000 (Coordinated Universal Time)",
            "status": "INVESTIGATING", "impact": "PARTIALOUTAGE",
            "url": "https://whatsapp.instatus.example/incident/cl4a8n3070721"},
           {"name": "", "started": "2024-03-05T15:00:00Z"},
           {"name": "Far", "started": "2150-01-01T00:00:00Z"},
           {"name": "When", "started": 12}
         ],
         "activeMaintenances": [
           {"name": "Database maintenance", "start": "2024-03-05T18:00:00.000Z", "status": "NOTSTARTEDYET",
            "duration": "60", "url": "https://whatsapp.instatus.example/maintenance/cl4a8nlv5"},
           {"name": "Forever", "start": "2024-03-05T18:00:00Z", "duration": 999999}
         ]}
        """

    static let nothingActive =
        #"{"page": {"name": "WhatsApp Status", "status": "UP"}, "activeIncidents": [], "activeMaintenances": []}"#

    @Test func activeIncidentsAndMaintenancesAreRead() async throws {
        let world = try OfficialWorld()
        let reply = ReplyBox(.json(Self.summary))
        try await LoopbackHTTPServer.run(handler: { _ in reply.value }) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/summary.json"))
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.outcome == .stored(.init(incidents: 1, newIncidents: 1, components: 0, componentChanges: 0)))
            #expect(result.skippedCount == 4, "\(result.skipped)")
            #expect(result.skipped.contains { $0.contains("activeIncidents[1].name has the wrong type") })
            #expect(result.skipped.contains { $0.contains("activeIncidents[2].started is out of range") })
            #expect(result.skipped.contains { $0.contains("activeIncidents[3].started: not a time") })
            #expect(result.skipped.contains { $0.contains("activeMaintenances[1].duration: expected minutes") })
            #expect(result.quietWindows == QuietWindowSyncRecord(added: 1))
            #expect(server.received.map(\.path) == ["/summary.json"])

            let incident = try #require(try world.storedOfficialIncidents().first)
            #expect(incident.id == "https://whatsapp.instatus.example/incident/cl4a8n3070721")
            #expect(incident.createdAt == Timestamp(iso8601: "2024-03-05T15:27:00Z") && !incident.isFinished)
            #expect(incident.impact == .major)
            let window = try #require(try world.engine.quietWindows(service: world.whatsapp).first)
            #expect(window.reason == "Database maintenance (from WhatsApp Status)")
            #expect(window.endsAt == Timestamp(iso8601: "2024-03-05T19:00:00Z"))

            // The incident is no longer listed: it ended when the read no longer saw it.
            reply.value = .json(Self.nothingActive)
            world.clock.advance(minutes: 3)
            let later = world.clock.now()
            _ = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            let closed = try #require(try world.storedOfficialIncidents().first)
            #expect(
                closed.isFinished && closed.resolvedAt == later && closed.status == "resolved", "\(closed) \(later)")
        }
    }

    @Test(arguments: [
        (#"{"activeIncidents": {"name": "x"}}"#, "activeIncidents has the wrong type"),
        (#"{"activeIncidents": [1, "two"]}"#, "activeIncidents[0] has the wrong type"),
        (#"{"activeMaintenances": [{"name": "m", "start": "2024-03-05T18:00:00Z", "duration": true}]}"#, ""),
    ])
    func wrongTypesAreSkippedAndNamed(document: String, expected: String) throws {
        let snapshot = try InstatusDecoder.decode(Array(document.utf8), name: "summary.json")
        #expect(snapshot.incidents.isEmpty && snapshot.listsActiveIncidentsOnly)
        if !expected.isEmpty {
            #expect(snapshot.problems.contains { $0.description.contains(expected) }, "\(snapshot.problems)")
        }
    }

    @Test func hugeAndMalformedDocumentsNeverCrash() throws {
        let name = String(repeating: "\\u001b]0;x\\u0007é", count: 3000)
        let huge =
            #"{"activeIncidents": ["#
            + Array(repeating: #"{"name": "\#(name)", "started": "2024-03-05T15:00:00Z"}"#, count: 50).joined(
                separator: ",") + "]}"
        let snapshot = try InstatusDecoder.decode(Array(huge.utf8))
        #expect(snapshot.incidents.count == 1)
        #expect(snapshot.incidents.allSatisfy { $0.name.utf8.count <= FeedDecoder.maximumTitleBytes })
        #expect(snapshot.incidents.allSatisfy { !$0.name.unicodeScalars.contains { $0.value < 0x20 } })
        for broken in [
            #"{"activeIncidents": [{"name": "x""#, "[]", "",
            #"{"activeIncidents": [{"name": "x", "started": "2024-03-05T15:00:00Z"}],,}"#,
        ] {
            #expect(throws: StatuspageDecodingError.self) { try InstatusDecoder.decode(Array(broken.utf8)) }
        }
    }
}
