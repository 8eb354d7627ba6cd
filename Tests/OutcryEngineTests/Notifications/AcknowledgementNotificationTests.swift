import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// `acknowledged` events, recorded when the official status sync reports an acknowledgement.
@Suite(.timeLimit(.minutes(10))) struct AcknowledgementNotificationTests {
    @Test func acknowledgedIncidentsAreAnnouncedOnceAndStaleOnesNot() throws {
        let world = try NotificationWorld()
        try world.addWebhook("http://127.0.0.1:9/hook")
        let now = world.clock.now()
        let acknowledgement = OfficialAcknowledgement(
            status: .acknowledged, acknowledgedAt: now.adding(minutes: -2), leadMinutes: 9, title: "Login issues")
        let open = Incident.fixture(official: acknowledgement)
        let endedRecently = Incident.fixture(
            service: "gmail", detectedAt: now.adding(minutes: -300), endedAt: now.adding(minutes: -200),
            official: acknowledgement)
        // Ended 241 minutes ago: its resolution (three quiet hours later) is more than an hour old.
        let endedLongAgo = Incident.fixture(
            region: "US", detectedAt: now.adding(minutes: -400), endedAt: now.adding(minutes: -241),
            official: acknowledgement)
        let notAcknowledged = Incident.fixture(region: "DE", official: .notAcknowledged)
        let events = try world.engine.enqueueAcknowledgements([
            open, endedRecently, endedLongAgo, notAcknowledged, .fixture(region: "GB"),
        ])
        #expect(events.map(\.key) == ["acknowledged:\(open.id)", "acknowledged:\(endedRecently.id)"])
        #expect(events.allSatisfy { $0.kind == .acknowledged && $0.deliveries == 1 })
        #expect(events.first?.occurredAt == now.adding(minutes: -2))
        #expect(events.first?.payload.contains("\"title\":\"Login issues\"") == true)
        #expect(events.first?.payload.contains("\"label\":\"unofficial\"") == true)
        // The next sync reports the same acknowledgements: nothing new.
        #expect(try world.engine.enqueueAcknowledgements([open, endedRecently]).isEmpty)
        #expect(try world.engine.recentNotificationEvents(limit: 10).count == 2)
    }
}
