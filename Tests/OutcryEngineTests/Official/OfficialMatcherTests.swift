import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Matching crowd incidents with official ones: overlap with slack, component filter, lead time.
@Suite(.timeLimit(.minutes(10))) struct OfficialMatcherTests {
    let onset = StatuspageFixtures.crowdOnset
    let matcher = OfficialMatcher()

    /// A crowd incident from the onset, lasting `minutes` (open when nil).
    func crowd(minutes: Int64? = 60, region: Region = .global) -> Incident {
        StatuspageFixtures.crowdIncident(region: region, endedAt: minutes.map { onset.adding(minutes: $0) })
    }

    /// An official incident created `created` minutes after the onset (seconds allowed), resolved after
    /// `resolved` minutes (open when nil).
    func official(
        _ id: String = "o1", created: Int64, createdSeconds: Int64 = 0, resolved: Int64? = nil, started: Int64? = nil,
        components: [OfficialComponentReference] = []
    ) -> OfficialIncident {
        OfficialIncident(
            id: id, name: "Official \(id)", status: resolved == nil ? "investigating" : "resolved", impact: .major,
            createdAt: onset.adding(minutes: created).adding(seconds: createdSeconds),
            startedAt: started.map { onset.adding(minutes: $0) },
            resolvedAt: resolved.map { onset.adding(minutes: $0) },
            shortlink: "https://stspg.io/\(id)", components: components
        )
    }

    var now: Timestamp { onset.adding(minutes: 180) }

    @Test func anOverlappingIncidentAcknowledgesWithTheLeadInWholeMinutes() {
        let acknowledgement = matcher.acknowledgement(
            for: crowd(), among: [official(created: 27, createdSeconds: 12, resolved: 70)], now: now
        )
        #expect(acknowledgement.status == .acknowledged)
        #expect(acknowledgement.acknowledgedAt == onset.adding(minutes: 27).adding(seconds: 12))
        #expect(acknowledgement.leadMinutes == 27)
        #expect(acknowledgement.title == "Official o1")
        #expect(acknowledgement.url == "https://stspg.io/o1")
        #expect(acknowledgement.incidentID == "o1")
        #expect(acknowledgement.impact == "major")
    }

    @Test func noOverlapIsNotAcknowledged() {
        let before = official(created: -200, resolved: -31)
        let after = official(created: 91)
        #expect(matcher.acknowledgement(for: crowd(), among: [before, after], now: now) == .notAcknowledged)
        #expect(matcher.acknowledgement(for: crowd(), among: [], now: now) == .notAcknowledged)
    }

    @Test func touchingTheSlackCounts() {
        // The crowd window is [onset − 30 min, end + 30 min] = [−30, 90] minutes.
        #expect(
            matcher.acknowledgement(for: crowd(), among: [official(created: -200, resolved: -30)], now: now)
                .isAcknowledged)
        #expect(matcher.acknowledgement(for: crowd(), among: [official(created: 90)], now: now).isAcknowledged)
        #expect(
            !matcher.acknowledgement(for: crowd(), among: [official(created: 90, createdSeconds: 1)], now: now)
                .isAcknowledged)
    }

    @Test func theSlackIsASetting() {
        var settings = OfficialMatchSettings()
        settings.slackMinutes = 0
        let strict = OfficialMatcher(settings: settings)
        #expect(!strict.acknowledgement(for: crowd(), among: [official(created: 61)], now: now).isAcknowledged)
        #expect(strict.acknowledgement(for: crowd(), among: [official(created: 60)], now: now).isAcknowledged)
    }

    @Test func thePageSpeakingFirstGivesANegativeLead() {
        let acknowledgement = matcher.acknowledgement(
            for: crowd(), among: [official(created: -10, resolved: 50)], now: now)
        #expect(acknowledgement.leadMinutes == -10)
        let withinAMinute = matcher.acknowledgement(
            for: crowd(), among: [official(created: 0, createdSeconds: -30, resolved: 50)], now: now
        )
        #expect(withinAMinute.leadMinutes == 0)
    }

    @Test func aBackdatedStartWidensTheOfficialSpan() {
        // Created long after the window, but the provider says it started inside it.
        let backdated = official(created: 150, resolved: 160, started: 40)
        let acknowledgement = matcher.acknowledgement(for: crowd(), among: [backdated], now: now)
        #expect(acknowledgement.isAcknowledged)
        #expect(acknowledgement.leadMinutes == 150, "acknowledged when it was posted, not when it says it began")
    }

    @Test func theEarliestOfSeveralMatchesWins() {
        let incidents = [
            official("late", created: 40), official("early", created: 12, resolved: 30), official("mid", created: 20),
        ]
        let acknowledgement = matcher.acknowledgement(for: crowd(), among: incidents, now: now)
        #expect(acknowledgement.incidentID == "early")
        #expect(matcher.matches(for: crowd(), among: incidents, now: now).map(\.id) == ["early", "mid", "late"])
    }

    @Test func openIncidentsExtendToNow() {
        // The crowd incident is still open: its window runs to now + 30 min.
        let lateOfficial = official(created: 170)
        #expect(matcher.acknowledgement(for: crowd(minutes: nil), among: [lateOfficial], now: now).leadMinutes == 170)
        #expect(!matcher.acknowledgement(for: crowd(minutes: 60), among: [lateOfficial], now: now).isAcknowledged)
        // The official incident is still open: its span runs to now, over a crowd incident much later.
        let longRunning = official(created: -120)
        let acknowledgement = matcher.acknowledgement(for: crowd(), among: [longRunning], now: now)
        #expect(acknowledgement.leadMinutes == -120)
    }

    @Test func theLinkedComponentFilters() {
        let messaging = official("msg", created: 5, components: [.init(id: "cmp-msg", name: "Messaging")])
        let calls = official("calls", created: 10, components: [.init(id: "cmp-calls", name: "Voice and Video Calls")])
        let pageWide = official("all", created: 20)
        let incidents = [messaging, calls, pageWide]
        #expect(
            OfficialMatcher(component: "Voice and Video Calls").acknowledgement(
                for: crowd(), among: incidents, now: now
            ).incidentID == "calls")
        #expect(
            OfficialMatcher(component: "cmp-msg").acknowledgement(for: crowd(), among: incidents, now: now).incidentID
                == "msg")
        #expect(
            OfficialMatcher(component: "Payments").acknowledgement(for: crowd(), among: incidents, now: now).incidentID
                == "all")
        #expect(
            OfficialMatcher(component: "Payments").matches(for: crowd(), among: [messaging, calls], now: now).isEmpty)
        #expect(OfficialMatcher().acknowledgement(for: crowd(), among: incidents, now: now).incidentID == "msg")
    }

    @Test func regionalIncidentsAreMatchedToo() throws {
        let acknowledgement = matcher.acknowledgement(
            for: crowd(region: try Region.parse("DE")), among: [official(created: 27)], now: now
        )
        #expect(acknowledgement.leadMinutes == 27)
    }

    @Test(
        arguments: [(0, 0), (59, 0), (60, 1), (1632, 27), (-30, 0), (-60, -1), (-61, -1), (-3600, -60)]
            as [(Int64, Int)])
    func leadIsTruncatedToWholeMinutes(seconds: Int64, minutes: Int) {
        #expect(OfficialMatcher.leadMinutes(from: onset, to: onset.adding(seconds: seconds)) == minutes)
    }
}
