import OutcryDetection
import OutcryModel
import Testing

/// A spike carried by one relay token (however many reporter ids it sends) is a flood, never an incident;
/// the same spike from distinct sources opens one.
@Suite(.timeLimit(.minutes(10)))
struct SingleSourceFloodTests {
    private static let day8Noon = 7 * 1440 + 720
    private static let end = 7 * 1440 + 800
    private static let chat = SeriesKey(service: SyntheticFeed.slug("chat"), region: .global)

    /// A week of 3 reports a minute, then 10 minutes of `spike` extra counted reports a minute, of which
    /// `relayShare` come from the largest single relay, spread over `problems`.
    private func feed(spike: Int, relayShare: Int, problems: [ProblemKind] = [.app]) -> SyntheticFeed {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<Self.end) { _ in 3 }
        for minute in Self.day8Noon..<(Self.day8Noon + 10) {
            for problem in problems {
                feed.add(
                    service: "chat", problem: problem, minute: minute, counted: spike / problems.count,
                    largestRelay: relayShare / problems.count)
            }
        }
        return feed
    }

    @Test func spikeFromOneRelayIsAFloodAndOpensNoIncident() {
        var detector = Detector()
        var flagged = false
        let replay = feed(spike: 30, relayShare: 30).replay(&detector, to: Self.end) { minute, detector in
            guard minute > Self.day8Noon, minute <= Self.day8Noon + 15 else { return }
            let status = detector.status(of: Self.chat)
            #expect(status?.level == .normal)
            if status?.isPossibleFlood == true, status?.isSingleSourceFlood == true { flagged = true }
        }
        #expect(flagged)
        #expect(replay.all.isEmpty)
    }

    @Test func oneRelayAcrossSeveralProblemsIsStillOneSource() {
        var detector = Detector()
        let replay = feed(spike: 40, relayShare: 40, problems: [.app, .login]).replay(&detector, to: Self.end)
        #expect(replay.all.isEmpty)
    }

    @Test func theSameSpikeFromDistinctReportersOpensAnIncident() {
        var detector = Detector()
        let replay = feed(spike: 30, relayShare: 0).replay(&detector, to: Self.end)
        #expect(!replay.global.isEmpty)
    }

    @Test func aRelayAmongOtherSourcesDoesNotHideAnOutage() {
        // Half of the spike from one relay, half from distinct networks: still an outage.
        var detector = Detector()
        let replay = feed(spike: 60, relayShare: 30).replay(&detector, to: Self.end)
        #expect(!replay.global.isEmpty)
    }

    @Test func replayInOneTickEqualsMinuteByMinute() {
        let feed = feed(spike: 30, relayShare: 30)
        var minuteByMinute = Detector()
        var hourly = Detector()
        let a = feed.replay(&minuteByMinute, to: Self.end)
        let b = feed.replay(&hourly, to: Self.end, step: 60)
        #expect(a.all == b.all)
        #expect(minuteByMinute.statuses() == hourly.statuses())
    }
}
