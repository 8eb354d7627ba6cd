import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Quiet windows through the engine: declaring, listing and removing them, and what detection does with them
/// (expected incidents, no notifications, replay = live).
@Suite(.timeLimit(.minutes(10))) struct QuietWindowEngineTests {
    static let from = OutageFixture.outageStart.adding(minutes: -30)
    static let to = OutageFixture.outageStart.adding(minutes: 180)

    private static func memoryEngine() throws -> Engine {
        let engine = try Engine(
            path: ":memory:", clock: FixedTimeSource(Instants.outageAfternoon), logger: Logger(label: "outcry-test"))
        _ = try engine.store {
            try $0.addService(.fixture("whatsapp", name: "WhatsApp"), now: Instants.outageAfternoon)
        }
        _ = try engine.store { try $0.addService(.fixture("gmail", name: "Gmail"), now: Instants.outageAfternoon) }
        return engine
    }

    private static let whatsapp = ServiceSlug(rawValue: "whatsapp")!
    private static let gmail = ServiceSlug(rawValue: "gmail")!

    @Test func windowsAreAddedListedAndRemoved() throws {
        let engine = try Self.memoryEngine()
        defer { engine.close() }
        let first = try engine.addQuietWindow(
            service: Self.whatsapp, from: Self.from, to: Self.to, reason: " planned test ")
        #expect(first.id > 0 && first.reason == "planned test" && first.source == .operator)
        #expect(first.createdAt == Instants.outageAfternoon)
        let second = try engine.addQuietWindow(
            service: Self.gmail, from: Self.from.adding(minutes: -60), to: Self.from)
        #expect(try engine.quietWindows().map(\.id) == [second.id, first.id])
        #expect(try engine.quietWindows(service: Self.whatsapp) == [first])
        #expect(try engine.removeQuietWindow(id: first.id) == first)
        #expect(try engine.quietWindows().map(\.id) == [second.id])
        #expect(throws: EngineError.self) { try engine.removeQuietWindow(id: first.id) }
    }

    @Test func badWindowsAreRefusedWithTheReason() throws {
        let engine = try Self.memoryEngine()
        defer { engine.close() }
        let cases: [(ServiceSlug, Timestamp, Timestamp, String, String)] = [
            (ServiceSlug(rawValue: "nope")!, Self.from, Self.to, "", "service \"nope\" is not monitored"),
            (Self.whatsapp, Self.to, Self.from, "", "must be before --to"),
            (Self.whatsapp, Self.from, Self.from, "", "must be before --to"),
            (Self.whatsapp, Timestamp(seconds: 0), Self.to, "", "--from 1970-01-01T00:00:00Z is out of range"),
            (Self.whatsapp, Self.from, Timestamp(seconds: .max), "", "--to"),
            (Self.whatsapp, Self.from, Self.to, String(repeating: "é", count: 101), "at most 200 bytes"),
            (Self.whatsapp, Self.from, Self.to, "two\nlines", "control character"),
        ]
        for (service, from, to, reason, expected) in cases {
            do {
                _ = try engine.addQuietWindow(service: service, from: from, to: to, reason: reason)
                Issue.record("accepted \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        #expect(throws: EngineError.self) { try engine.quietWindows(service: ServiceSlug(rawValue: "nope")!) }
        #expect(try engine.quietWindows().isEmpty)
    }

    @Test func removingTheServiceRemovesItsWindows() throws {
        let engine = try Self.memoryEngine()
        defer { engine.close() }
        _ = try engine.addQuietWindow(service: Self.whatsapp, from: Self.from, to: Self.to)
        _ = try engine.store { try $0.removeService(Self.whatsapp, withReports: false) }
        #expect(try engine.store { try $0.quietWindows() }.isEmpty)
    }

    /// A database of the outage fixture with windows over the outage for every Meta app (when `quiet`), then
    /// live detection as cron runs it.
    private static func liveWorld(_ name: String, quiet: Bool) throws -> DetectionWorld {
        let world = try DetectionWorld(name)
        if quiet {
            try world.withEngine { engine in
                for slug in OutageFixture.metaSlugs {
                    _ = try engine.addQuietWindow(
                        service: ServiceSlug(rawValue: slug)!, from: from, to: to, reason: "planned test")
                }
            }
        }
        try world.detectLive(at: ReplayEqualsLiveTests.liveTicks(step: 7, through: OutageFixture.end))
        return world
    }

    private static func events(_ world: DetectionWorld) throws -> [NotificationEvent] {
        try world.withEngine { try $0.recentNotificationEvents(limit: 10_000) }
    }

    @Test func incidentsInAWindowAreExpectedAndAnnounceNothing() throws {
        let quiet = try Self.liveWorld("quiet.sqlite", quiet: true)
        let plain = try Self.liveWorld("plain.sqlite", quiet: false)

        let quietMeta = DetectionWorld.metaGlobal(try quiet.incidents())
        let plainMeta = DetectionWorld.metaGlobal(try plain.incidents())
        #expect(quietMeta.count == 3 && plainMeta.count == 3)
        // The same outages are found (an onset may move: the window began before the outage, and its minutes
        // were not learned).
        #expect(quietMeta.map(\.service) == plainMeta.map(\.service))
        #expect(quietMeta.allSatisfy { $0.expected && $0.expectedReason == "planned test" })
        #expect(plainMeta.allSatisfy { !$0.expected && $0.expectedReason == nil })
        #expect(quietMeta.allSatisfy { $0.status == .resolved })

        let quietEvents = try Self.events(quiet)
        let plainEvents = try Self.events(plain)
        let metaIDs = Set(
            try quiet.incidents().filter { OutageFixture.metaSlugs.contains($0.service.rawValue) }.map(\.id))
        #expect(!metaIDs.isEmpty)
        #expect(quietEvents.allSatisfy { !metaIDs.contains($0.incidentID) }, "\(quietEvents.map(\.key))")
        // Without the windows the same incidents were announced, opened and resolved.
        let plainKeys = Set(plainEvents.map(\.key))
        for incident in plainMeta {
            #expect(plainKeys.contains("opened:\(incident.id)") && plainKeys.contains("resolved:\(incident.id)"))
        }
        // Services without a window alert as before.
        let others = { (events: [NotificationEvent]) in
            events.filter { !OutageFixture.metaSlugs.contains($0.service.rawValue) }.map(\.key).sorted()
        }
        #expect(others(quietEvents) == others(plainEvents))
    }

    @Test func replayWithWindowsStoresWhatLiveDetectionStored() throws {
        let live = try Self.liveWorld("live.sqlite", quiet: true)
        let replayed = try DetectionWorld("replayed.sqlite")
        try replayed.withEngine { engine in
            for slug in OutageFixture.metaSlugs {
                _ = try engine.addQuietWindow(
                    service: ServiceSlug(rawValue: slug)!, from: Self.from, to: Self.to, reason: "planned test")
            }
        }
        try replayed.replay(from: OutageFixture.start, to: OutageFixture.end)
        let expected = try replayed.incidents()
        #expect(DetectionWorld.metaGlobal(expected).allSatisfy { $0.expected })
        let actual = try live.incidents()
        expectSameIncidents(actual, expected)
        #expect(actual.map(\.expected) == expected.map(\.expected))
        #expect(actual.map(\.expectedReason) == expected.map(\.expectedReason))
    }

    @Test func exportsShowExpectedOnlyForExpectedIncidents() throws {
        let quiet = try Self.liveWorld("export.sqlite", quiet: true)
        var incidents = try quiet.incidents()
        // Every incident of the fixture is a Meta app's, inside the windows; add one that is not expected.
        var unexpected = try #require(incidents.first)
        unexpected.id = "gmail/global/20240305T1500Z"
        unexpected.service = ServiceSlug(rawValue: "gmail")!
        unexpected.expected = false
        unexpected.expectedReason = nil
        incidents.append(unexpected)
        #expect(incidents.contains { $0.expected } && incidents.contains { !$0.expected })
        let document = IncidentExportDocument(
            generatedAt: DetectionWorld.wallClock, since: nil, until: nil, incidents: incidents, groupEvents: [])
        let text = try document.jsonText()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objects = try #require(parsed["incidents"] as? [[String: Any]])
        for object in objects {
            let id = object["id"] as? String ?? ""
            let incident = try #require(incidents.first { $0.id == id })
            if incident.expected {
                #expect(object["expected"] as? Bool == true && object["expected_reason"] as? String == "planned test")
            } else {
                #expect(object["expected"] == nil && object["expected_reason"] == nil, "\(id)")
            }
        }
        // The hand-written JSON matches JSONEncoder's, and stored bodies read back through both paths.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(text == String(decoding: try encoder.encode(document), as: UTF8.self))
        for incident in incidents {
            let body = Array(try JSONEncoder().encode(incident))
            #expect(try StoredBody.incident(body) == incident)
            #expect(try JSONDecoder().decode(Incident.self, from: Data(body)) == incident)
        }
        let csv = IncidentCSVRenderer.render(incidents, services: [:])
        #expect(csv.hasPrefix(IncidentCSVRenderer.columns.joined(separator: ",") + "\r\n"))
        #expect(csv.contains(",true,planned test\r\n") && csv.contains(",false,\r\n"))
    }
}
