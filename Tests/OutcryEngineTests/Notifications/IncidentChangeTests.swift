import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Which state changes a detection run announces, and which it leaves alone as stale.
@Suite(.timeLimit(.minutes(10))) struct IncidentChangeTests {
    static let tick = Instants.outageAfternoon.adding(minutes: 20)
    static let open = StoredIncidentState(status: .open, level: .likely)

    @Test func aNewOpenIncidentIsOpenedAtItsDetection() {
        let incident = Incident.fixture()
        let changes = IncidentChange.changes(from: nil, to: incident, observedAt: Self.tick)
        #expect(changes.map(\.kind) == [.opened])
        #expect(changes.first?.occurredAt == incident.detectedAt)
        #expect(changes.first?.key == "opened:\(incident.id)")
    }

    @Test func anIncidentOpenedAndResolvedWithinOneRunGetsBothEventsInOrder() {
        let incident = Incident.fixture(endedAt: Self.tick.adding(minutes: -2))
        let changes = IncidentChange.changes(from: nil, to: incident, observedAt: Self.tick)
        #expect(changes.map(\.kind) == [.opened, .resolved])
        #expect(changes.map(\.occurredAt) == [incident.detectedAt, Self.tick.adding(minutes: -2)])
        #expect(changes.map(\.key) == ["opened:\(incident.id)", "resolved:\(incident.id)"])
    }

    @Test func aStoredOpenIncidentThatEndsIsResolved() {
        let incident = Incident.fixture(endedAt: Self.tick)
        let changes = IncidentChange.changes(from: Self.open, to: incident, observedAt: Self.tick)
        #expect(changes.map(\.kind) == [.resolved])
    }

    @Test func anOpenIncidentStillOpenAtTheSameLevelAnnouncesNothing() {
        #expect(IncidentChange.changes(from: Self.open, to: Incident.fixture(), observedAt: Self.tick).isEmpty)
    }

    @Test func aRaisedLevelIsAnnouncedOncePerLevel() {
        let possible = StoredIncidentState(status: .open, level: .possible)
        let changes = IncidentChange.changes(
            from: possible, to: Incident.fixture(level: .likely), observedAt: Self.tick)
        #expect(changes.map(\.kind) == [.levelRaised])
        #expect(changes.first?.key.hasSuffix(":likely") == true)
        #expect(changes.first?.occurredAt == Self.tick)
        // Raised and resolved in the same run: the raise is placed no later than the end.
        let ended = Incident.fixture(level: .likely, endedAt: Self.tick.adding(minutes: -5))
        let both = IncidentChange.changes(from: possible, to: ended, observedAt: Self.tick)
        #expect(both.map(\.kind) == [.levelRaised, .resolved])
        #expect(both.first?.occurredAt == Self.tick.adding(minutes: -5))
    }

    @Test func aRegionalIncidentThatBecomesTheGlobalOneIsAnnouncedAsWidenedOnce() throws {
        let regional = StoredIncidentState(status: .open, level: .likely, region: .global)
        #expect(IncidentChange.changes(from: regional, to: Incident.fixture(), observedAt: Self.tick).isEmpty)
        let inFrance = StoredIncidentState(status: .open, level: .likely, region: try Region.parse("FR"))
        let incident = Incident.fixture()
        let changes = IncidentChange.changes(from: inFrance, to: incident, observedAt: Self.tick)
        #expect(changes.map(\.kind) == [.widened])
        #expect(changes.first?.key == "widened:\(incident.id)")
        #expect(changes.first?.occurredAt == Self.tick)
        // Still regional (a stored regional incident updated in its region): nothing to announce.
        let stillRegional = Incident.fixture(region: "FR")
        #expect(IncidentChange.changes(from: inFrance, to: stillRegional, observedAt: Self.tick).isEmpty)
    }

    @Test func aResolvedIncidentIsNeverAnnouncedAgain() {
        let resolved = StoredIncidentState(status: .resolved, level: .likely)
        let incident = Incident.fixture(endedAt: Self.tick)
        #expect(IncidentChange.changes(from: resolved, to: incident, observedAt: Self.tick).isEmpty)
    }

    @Test func openIncidentsAreAlwaysCurrentAndResolvedOnesWhileTheirResolutionIsRecent() {
        let window: Int64 = 3600
        let delay: Int64 = 180 * 60
        func isCurrent(_ incident: Incident, _ kind: NotificationEventKind = .resolved) -> Bool {
            IncidentChange(kind: kind, incident: incident, occurredAt: Self.tick)
                .isCurrent(at: Self.tick, staleAfterSeconds: window, resolveDelaySeconds: delay)
        }
        // Detected ten hours ago and still open: news.
        #expect(isCurrent(Incident.fixture(detectedAt: Self.tick.adding(minutes: -600)), .opened))
        // Ended 240 minutes ago: the detector said so 60 minutes ago, just inside the window; both its events go.
        let recent = Incident.fixture(
            detectedAt: Self.tick.adding(minutes: -600), endedAt: Self.tick.adding(minutes: -240))
        #expect(isCurrent(recent) && isCurrent(recent, .opened))
        let old = Incident.fixture(
            detectedAt: Self.tick.adding(minutes: -600), endedAt: Self.tick.adding(minutes: -241))
        #expect(!isCurrent(old) && !isCurrent(old, .opened))
    }

    @Test func onlyAcknowledgedIncidentsHaveAnAcknowledgement() throws {
        let acknowledgedAt = Self.tick.adding(minutes: -3)
        let acknowledged = Incident.fixture(
            official: OfficialAcknowledgement(status: .acknowledged, acknowledgedAt: acknowledgedAt))
        let change = try #require(IncidentChange.acknowledgement(of: acknowledged, now: Self.tick))
        #expect(change.kind == .acknowledged && change.occurredAt == acknowledgedAt)
        #expect(change.key == "acknowledged:\(acknowledged.id)")
        let withoutTime = Incident.fixture(official: OfficialAcknowledgement(status: .acknowledged))
        #expect(IncidentChange.acknowledgement(of: withoutTime, now: Self.tick)?.occurredAt == Self.tick)
        #expect(IncidentChange.acknowledgement(of: Incident.fixture(official: .notAcknowledged), now: Self.tick) == nil)
        #expect(IncidentChange.acknowledgement(of: Incident.fixture(), now: Self.tick) == nil)
    }
}
