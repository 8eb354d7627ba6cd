import Foundation
import OutcryDetection
import OutcryModel
import Testing

/// Quiet windows in the detector: reports still count, the baseline does not learn from the window, and an
/// incident detected inside it is expected.
@Suite(.timeLimit(.minutes(10))) struct QuietWindowDetectionTests {
    private static let day8Noon = 7 * 1440 + 720
    private static let end = 7 * 1440 + 1200

    /// A window over `[from, to)` minutes after the feed's start.
    private static func window(
        _ service: String, from: Int, to: Int, reason: String = "planned test", id: Int64 = 1, feed: SyntheticFeed
    ) -> QuietWindow {
        QuietWindow(
            id: id, service: SyntheticFeed.slug(service), startsAt: feed.time(from), endsAt: feed.time(to),
            reason: reason, createdAt: feed.time(0))
    }

    /// Replays the feed with `windows`, one tick every `step` minutes.
    private static func replay(
        _ feed: SyntheticFeed, windows: [QuietWindow], step: Int = 1, to: Int = end,
        onTick: (Int, Detector) -> Void = { _, _ in }
    ) -> (incidents: [Incident], detector: Detector) {
        var detector = Detector()
        var latest: [String: Incident] = [:]
        var previous = 0
        while previous < to {
            let next = min(previous + step, to)
            var counts: [MinuteCount] = []
            for offset in previous..<next { counts += feed.rows[feed.start + Int64(offset)] ?? [] }
            let outcome = detector.tick(at: feed.time(next), counts: counts, services: [], quietWindows: windows)
            for incident in outcome.changedIncidents { latest[incident.id] = incident }
            onTick(next, detector)
            previous = next
        }
        return (latest.values.sorted { $0.id < $1.id }, detector)
    }

    private static func globalKey(_ service: String) -> SeriesKey {
        SeriesKey(service: SyntheticFeed.slug(service), region: .global)
    }

    @Test func quietMinutesDoNotTeachTheBaseline() throws {
        // A steady 100 reports a minute, and on day 8 six hours at 130: below the minimum ratio, so without a
        // window the series is never raised and the baseline learns the surge as what this time of day
        // brings; inside a window it must not. Compared a week later at the same time of the week, after
        // ordinary traffic (by then the slow level has forgotten the surge in both; what is left is what the
        // time-of-week profile learned). Counts are fixed, not random, so the comparison is exact.
        let surge = Self.day8Noon..<(Self.day8Noon + 360)
        let probe = surge.lowerBound + 7 * 1440 + 180
        var control = SyntheticFeed()
        var surged = SyntheticFeed()
        for minute in 0..<probe {
            control.add(service: "chat", minute: minute, counted: 100)
            surged.add(service: "chat", minute: minute, counted: surge.contains(minute) ? 130 : 100)
        }
        let window = Self.window("chat", from: surge.lowerBound, to: surge.upperBound, feed: surged)

        func baseline(_ feed: SyntheticFeed, _ windows: [QuietWindow]) -> (Double, [Incident], AlertLevel) {
            var top = AlertLevel.normal
            let run = Self.replay(feed, windows: windows, step: 30, to: probe) { _, detector in
                top = max(top, detector.status(of: Self.globalKey("chat"))?.level ?? .normal)
            }
            return (run.detector.status(of: Self.globalKey("chat"))?.baseline ?? -1, run.incidents, top)
        }
        let (usual, _, _) = baseline(control, [])
        let (learned, learnedIncidents, top) = baseline(surged, [])
        let (quiet, quietIncidents, _) = baseline(surged, [window])
        #expect(learnedIncidents.isEmpty && quietIncidents.isEmpty && top == .normal, "the surge must stay unraised")
        #expect(learned > usual + 5, "without a window the baseline learns the surge (\(usual) → \(learned))")
        #expect(abs(quiet - usual) < abs(learned - usual) / 3, "usual \(usual), learned \(learned), quiet \(quiet)")
    }

    @Test func quietMinutesStillCountReports() throws {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<Self.end) { _ in 3 }
        let window = Self.window("chat", from: Self.day8Noon - 60, to: Self.day8Noon + 60, feed: feed)
        var observedPlain = -1.0
        var observedQuiet = -1.0
        _ = Self.replay(feed, windows: [], to: Self.day8Noon) { minute, detector in
            if minute == Self.day8Noon { observedPlain = detector.status(of: Self.globalKey("chat"))?.observed ?? -1 }
        }
        _ = Self.replay(feed, windows: [window], to: Self.day8Noon) { minute, detector in
            if minute == Self.day8Noon { observedQuiet = detector.status(of: Self.globalKey("chat"))?.observed ?? -1 }
        }
        #expect(observedQuiet > 0 && observedQuiet == observedPlain)
    }

    /// Eight days of ordinary traffic for `chat` and `mail`, then an hour-long outage of `chat` on day 8.
    private static func outageFeed() -> SyntheticFeed {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<end) { minute in
            (day8Noon..<(day8Noon + 60)).contains(minute) ? 40 : 3
        }
        feed.addPoisson(service: "mail", region: "DE", minutes: 0..<end) { minute in
            ((day8Noon + 300)..<(day8Noon + 360)).contains(minute) ? 40 : 3
        }
        return feed
    }

    @Test func anIncidentDetectedInsideAWindowIsExpectedWithItsReason() throws {
        let feed = Self.outageFeed()
        let window = Self.window("chat", from: Self.day8Noon - 30, to: Self.day8Noon + 120, feed: feed)
        let quiet = Self.replay(feed, windows: [window]).incidents
        let plain = Self.replay(feed, windows: []).incidents
        let chat = quiet.filter { $0.service.rawValue == "chat" }
        #expect(!chat.isEmpty)
        for incident in chat {
            #expect(incident.expected && incident.expectedReason == "planned test", "\(incident.id)")
            #expect(incident.summary.hasSuffix("Expected: planned test."), "\(incident.summary)")
        }
        // The same incidents are found (the window hides nothing), only marked.
        #expect(chat.map(\.id) == plain.filter { $0.service.rawValue == "chat" }.map(\.id))
        #expect(plain.allSatisfy { !$0.expected && $0.expectedReason == nil })
        // Mail's outage is outside any of its windows: untouched.
        let mail = quiet.filter { $0.service.rawValue == "mail" }
        #expect(!mail.isEmpty && mail == plain.filter { $0.service.rawValue == "mail" })
    }

    @Test func aWindowOfAnotherServiceChangesNothing() throws {
        let feed = Self.outageFeed()
        let other = Self.window("video", from: 0, to: Self.end, feed: feed)
        #expect(Self.replay(feed, windows: [other]).incidents == Self.replay(feed, windows: []).incidents)
    }

    @Test func anIncidentDetectedBeforeTheWindowBeganIsNotExpected() throws {
        let feed = Self.outageFeed()
        let late = Self.window("chat", from: Self.day8Noon + 40, to: Self.day8Noon + 120, feed: feed)
        let chat = Self.replay(feed, windows: [late]).incidents.filter { $0.service.rawValue == "chat" }
        #expect(!chat.isEmpty && chat.allSatisfy { !$0.expected })
    }

    @Test(arguments: [7, 60, 1440])
    func largeTicksGiveTheSameIncidentsAsOneMinuteTicks(step: Int) throws {
        let feed = Self.outageFeed()
        let windows = [
            Self.window("chat", from: Self.day8Noon - 30, to: Self.day8Noon + 120, feed: feed),
            Self.window("mail", from: Self.day8Noon + 290, to: Self.day8Noon + 310, reason: "", id: 9, feed: feed),
        ]
        let byMinute = Self.replay(feed, windows: windows).incidents
        #expect(byMinute.contains { $0.expected && $0.expectedReason == "quiet window 9" })
        #expect(Self.replay(feed, windows: windows, step: step).incidents == byMinute)
    }

    @Test func theDetectorStateRoundTripsAnExpectedIncident() throws {
        let feed = Self.outageFeed()
        let window = Self.window("chat", from: Self.day8Noon - 30, to: Self.day8Noon + 120, feed: feed)
        let run = Self.replay(feed, windows: [window], to: Self.day8Noon + 20)
        let open = run.detector.openIncidents.filter { $0.service.rawValue == "chat" }
        #expect(!open.isEmpty && open.allSatisfy(\.expected))
        let data = try JSONEncoder().encode(run.detector)
        let decoded = try JSONDecoder().decode(Detector.self, from: data)
        #expect(decoded.openIncidents == run.detector.openIncidents)
    }

    @Test func anOutageInsideAWindowDoesNotRaiseTheSeriesAlarmThreshold() throws {
        let feed = Self.outageFeed()
        let window = Self.window("chat", from: Self.day8Noon - 30, to: Self.day8Noon + 120, feed: feed)
        func threshold(_ windows: [QuietWindow]) throws -> Double {
            let detector = Self.replay(feed, windows: windows).detector
            return try #require(detector.status(of: Self.globalKey("chat"))).evidenceThreshold
        }
        var calm = SyntheticFeed()
        calm.addPoisson(service: "chat", minutes: 0..<Self.end) { _ in 3 }
        let calmThreshold = try #require(
            Self.replay(calm, windows: [window]).detector.status(of: Self.globalKey("chat"))
        ).evidenceThreshold
        let quiet = try threshold([window])
        let plain = try threshold([])
        // Recorded, the outage's evidence episode raises the bar for later alarms; expected, it is left out.
        #expect(plain > quiet * 1.2, "plain \(plain), quiet \(quiet)")
        #expect(abs(quiet - calmThreshold) <= 0.05 * calmThreshold, "quiet \(quiet), calm \(calmThreshold)")
    }
}
