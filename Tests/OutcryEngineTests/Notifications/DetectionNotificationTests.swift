import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Synchronization
import Testing

/// Live detection of the fixture's Meta outage puts its changes in the outbox once, whatever happens after:
/// the same minutes detected again, a restart, a replay. Notifications never get in detection's way.
@Suite(.timeLimit(.minutes(10))) struct DetectionNotificationTests {
    /// Just before the outage, and during it.
    static let before = OutageFixture.outageStart.adding(minutes: -1)
    static let during = OutageFixture.outageStart.adding(minutes: 20)
    /// Live runs every 15 minutes after `during`, as cron would run `outcry detect`, until every incident has
    /// resolved (three quiet hours after the outage) and a little more: each change is recorded well within
    /// the staleness window.
    static let laterTicks = stride(from: 35, through: OutageFixture.outageMinutes + 30 + 180 + 45, by: 15).map {
        OutageFixture.outageStart.adding(minutes: $0)
    }
    static var after: Timestamp { laterTicks[laterTicks.count - 1] }

    /// Every event in the outbox, oldest first.
    static func events(_ world: DetectionWorld) throws -> [NotificationEvent] {
        try world.withEngine { try $0.recentNotificationEvents(limit: 10_000) }.sorted { $0.id < $1.id }
    }

    static func addWebhook(_ world: DetectionWorld, _ url: String, filter: NotificationFilter = NotificationFilter())
        throws
        -> NotificationHook
    {
        try world.withEngine { try $0.addNotificationHook(kind: .webhook, target: url, filter: filter) }
    }

    static func deliver(_ world: DetectionWorld, clock: any TimeSource) async throws -> [DeliveryResult] {
        let engine = try world.openEngine()
        defer { engine.close() }
        return try await engine.deliverDueNotifications(
            sender: NotificationSender(clock: clock, requestTimeout: .seconds(5)))
    }

    @Test func liveDetectionAnnouncesEachChangeOnceAcrossRestartsRepeatsAndReplays() async throws {
        let world = try DetectionWorld()
        let delivered = Mutex<[String]>([])
        try await LoopbackHTTPServer.run(handler: { request in
            delivered.withLock { $0.append(request.path + " " + (request.headers["x-outcry-delivery"] ?? "?")) }
            return .init(status: 204)
        }) { server in
            let all = try Self.addWebhook(world, server.url("/all"))
            let whatsapp = try Self.addWebhook(
                world, server.url("/whatsapp"), filter: NotificationFilter(service: ServiceSlug(rawValue: "whatsapp")))
            let google = try Self.addWebhook(world, server.url("/google"), filter: NotificationFilter(group: "google"))
            // Each tick through a new engine, as cron runs `outcry detect`, delivering in between.
            try world.detectLive(at: [Self.before])
            #expect(try Self.events(world).isEmpty)
            try world.detectLive(at: [Self.during])
            let opened = try Self.events(world)
            #expect(!opened.isEmpty && opened.allSatisfy { $0.kind == .opened })
            #expect(
                Set(DetectionWorld.metaGlobal(try world.incidents()).map(\.id)).isSubset(
                    of: Set(opened.map(\.incidentID))))
            _ = try await Self.deliver(world, clock: FixedTimeSource(DetectionWorld.wallClock))
            try world.detectLive(at: Self.laterTicks)
            let events = try Self.events(world)
            let incidents = try world.incidents()
            #expect(incidents.allSatisfy { $0.status == .resolved })
            // Every incident was opened and resolved, each announced exactly once.
            #expect(Set(events.map(\.key)) == Set(incidents.flatMap { ["opened:\($0.id)", "resolved:\($0.id)"] }))
            #expect(events.count == 2 * incidents.count)
            for event in events {
                #expect(event.payload.contains("\"label\":\"unofficial\""))
                #expect(event.payload.contains("\"event\":\"\(event.kind.rawValue)\""))
            }
            _ = try await Self.deliver(world, clock: FixedTimeSource(DetectionWorld.wallClock))

            // The same minutes again, a detector state lost and incidents forgotten (the same changes derived
            // anew), a restart, a replay of the whole range: nothing new is recorded or sent.
            try world.detectLive(at: [Self.after])
            try world.withEngine { engine in
                try engine.store { database in
                    try engine.sqliteDatabase.connection.execute("DELETE FROM incident")
                    try database.clearDetectorState()
                }
            }
            try world.detectLive(at: [Self.before, Self.during] + Self.laterTicks)
            try world.replay(from: OutageFixture.start, to: OutageFixture.end)
            #expect(try Self.events(world).map(\.key) == events.map(\.key))
            #expect(try await Self.deliver(world, clock: FixedTimeSource(DetectionWorld.wallClock)).isEmpty)

            let received = delivered.withLock { $0 }
            #expect(received.count == Set(received).count, "no event reached a hook twice")
            let whatsappIncidents = incidents.filter { $0.service.rawValue == "whatsapp" }
            #expect(received.filter { $0.hasPrefix("/all ") }.count == events.count)
            #expect(received.filter { $0.hasPrefix("/whatsapp ") }.count == 2 * whatsappIncidents.count)
            #expect(received.filter { $0.hasPrefix("/google ") }.isEmpty)
            let counts = try world.withEngine { try $0.deliveryCounts() }
            #expect(counts[all.id] == [.delivered: events.count])
            #expect(counts[whatsapp.id] == [.delivered: 2 * whatsappIncidents.count])
            #expect(counts[google.id] == nil)
        }
    }

    @Test func aReplayAnnouncesNothing() throws {
        let world = try DetectionWorld()
        _ = try Self.addWebhook(world, "http://127.0.0.1:9/hook")
        let run = try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        #expect(!run.changedIncidents.isEmpty)
        #expect(try Self.events(world).isEmpty)
    }

    @Test func catchingUpLongAfterTheOutageAnnouncesNothingStale() throws {
        let world = try DetectionWorld()
        _ = try Self.addWebhook(world, "http://127.0.0.1:9/hook")
        // One run from nothing to midnight: the incidents ended hours before its last tick.
        try world.detectLive(at: [OutageFixture.end])
        #expect(!(try world.incidents()).isEmpty)
        #expect(try Self.events(world).isEmpty)
    }

    @Test func anUnreachableHookNeverStopsDetection() async throws {
        let world = try DetectionWorld()
        _ = try Self.addWebhook(world, "http://127.0.0.1:9/unreachable")
        try world.detectLive(at: [Self.before, Self.during])
        let results = try await Self.deliver(world, clock: FixedTimeSource(DetectionWorld.wallClock))
        #expect(!results.isEmpty && results.allSatisfy { $0.outcome.isFailure || $0.outcome == .deferred })
        try world.detectLive(at: Self.laterTicks)
        #expect(try world.incidents().allSatisfy { $0.status == .resolved })
    }

    @Test func aBrokenOutboxNeverStopsDetection() throws {
        let world = try DetectionWorld()
        _ = try Self.addWebhook(world, "http://127.0.0.1:9/hook")
        try world.detectLive(at: [Self.before])
        try world.withEngine { engine in
            try engine.sqliteDatabase.connection.execute("DROP TABLE notification_delivery")
        }
        try world.detectLive(at: [Self.during])
        let incidents = try world.incidents()
        #expect(!DetectionWorld.metaGlobal(incidents).isEmpty)
        // The savepoint undid the half-written events with the failure.
        let count = try world.withEngine { engine in
            try engine.store { database -> Int in
                let statement = try engine.sqliteDatabase.connection.prepare("SELECT COUNT(*) FROM notification_event")
                _ = try statement.step()
                return statement.int(at: 0)
            }
        }
        #expect(count == 0)
    }
}
