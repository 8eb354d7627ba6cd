import Foundation
import OutcryDetection
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct BaselineTests {
    @Test func dailyCycleRaisesNoFalseAlarmOverTwoWeeks() {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "mail", minutes: 0..<(14 * 1440), rate: dailyCycle(low: 2, high: 12))
        var detector = Detector()
        let replay = feed.replay(&detector, to: 14 * 1440, step: 5)
        #expect(replay.all.isEmpty, "\(replay.all.map(\.summary))")
        let status = detector.status(of: SeriesKey(service: SyntheticFeed.slug("mail"), region: .global))
        #expect(status?.isBaselineMature == true)
    }

    @Test func doublingOverTwoWeeksIsGrowthNotAnOutage() throws {
        var feed = SyntheticFeed()
        let cycle = dailyCycle(low: 2, high: 8)
        feed.addPoisson(service: "shop", minutes: 0..<(21 * 1440)) { minute in
            // A week at a steady level, then volume doubles over the next two weeks.
            let growth = minute < 7 * 1440 ? 1 : pow(2, Double(minute - 7 * 1440) / Double(14 * 1440))
            return cycle(minute) * growth
        }
        var detector = Detector()
        let replay = feed.replay(&detector, to: 21 * 1440, step: 15)
        #expect(replay.all.isEmpty, "\(replay.all.map(\.summary))")
        // The baseline followed the growth: at the end it expects well above the first week's volume.
        let status = detector.status(of: SeriesKey(service: SyntheticFeed.slug("shop"), region: .global))
        let expected = 15 * cycle(21 * 1440 - 1) * 2
        #expect(try #require(status).baseline > 0.75 * expected)
    }

    /// Incidents are learned from (winsorised), so a pattern not yet learned cannot trap a series in alarms;
    /// the price is a bounded rise of next week's expectation at the outage's time, which must not hide the
    /// same outage next week.
    @Test func pastOutageBarelyMovesNextWeeksBaselineAndTheSameOutageIsCaughtAgain() throws {
        let cycle = dailyCycle(low: 3, high: 9)
        let outageStart = 8 * 1440 + 600  // Tuesday of week 2, 10:00
        func feed(outages: [Int]) -> SyntheticFeed {
            var feed = SyntheticFeed()
            feed.addPoisson(service: "bank", minutes: 0..<(16 * 1440)) { minute in
                let isOutage = outages.contains { minute >= $0 && minute < $0 + 120 }
                return cycle(minute) * (isOutage ? 10 : 1)
            }
            return feed
        }
        let probe = outageStart + 7 * 1440 + 60  // the same Tuesday time one week later
        let key = SeriesKey(service: SyntheticFeed.slug("bank"), region: .global)
        var withOutage = Detector()
        let replay = feed(outages: [outageStart]).replay(&withOutage, to: probe, step: 5)
        var clean = Detector()
        _ = feed(outages: []).replay(&clean, to: probe, step: 5)
        #expect(replay.global.count == 1)
        let inflated = try #require(withOutage.status(of: key)).baseline
        let reference = try #require(clean.status(of: key)).baseline
        #expect(inflated < reference * 1.3)
        #expect(inflated > reference * 0.9)

        var twice = Detector()
        let again = feed(outages: [outageStart, outageStart + 7 * 1440]).replay(&twice, to: 16 * 1440, step: 5)
        #expect(again.global.count == 2, "\(again.global.map(\.summary))")
    }

    /// A time slot learns from a minute only when its quarter hour is over: during an outage the expectation
    /// of the minutes it is judged against stays where the previous visits put it, instead of climbing with it.
    @Test func anOutageDoesNotRaiseItsOwnExpectationWithinItsQuarterHour() throws {
        let start = 15 * 1440 + 600  // day 16, 10:00: the start of a time slot
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<(start + 15)) { minute in minute >= start ? 12 : 1 }
        var detector = Detector()
        let key = SeriesKey(service: SyntheticFeed.slug("chat"), region: .global)
        var expectations: [Double] = []
        _ = feed.replay(&detector, to: start + 15) { minute, detector in
            if minute > start, minute < start + 14, let status = detector.status(of: key) {
                expectations.append(status.baseline)
            }
        }
        let first = try #require(expectations.first)
        let highest = try #require(expectations.max())
        #expect(first > 8 && first < 20, "about 15 reports per quarter hour")
        #expect(highest < first * 1.05, "the expectation climbed with the outage: \(expectations)")
    }

    @Test func coldStartIsImmatureWithWiderMarginsAndStillCatchesAHugeSpike() throws {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "game", minutes: 0..<(4 * 60)) { minute in
            minute >= 180 && minute < 195 ? 250 : 5
        }
        var detector = Detector()
        var statusBeforeSpike: SeriesStatus?
        let replay = feed.replay(&detector, to: 4 * 60) { minute, detector in
            if minute == 170 {
                statusBeforeSpike = detector.status(of: SeriesKey(service: SyntheticFeed.slug("game"), region: .global))
            }
        }
        let status = try #require(statusBeforeSpike)
        #expect(!status.isBaselineMature)
        #expect(status.level == .normal)
        #expect(status.baseline > 40 && status.baseline < 110)
        let incident = try #require(replay.global.first)
        #expect(!incident.evidence.baselineMature)
        #expect(incident.evidence.likelyThreshold >= DetectorSettings().tailStart)
        #expect(incident.evidence.possibleThreshold > DetectorSettings().possibleStatistic)
        #expect(incident.detectedAt >= feed.time(180) && incident.detectedAt <= feed.time(190))
    }

    /// A niche service with about one report a day.
    private func nicheFeed(burst: Int) -> SyntheticFeed {
        var feed = SyntheticFeed()
        for day in 0..<14 { feed.add(service: "niche", minute: day * 1440 + 300 + (day * 397) % 900, counted: 1) }
        let burstStart = 14 * 1440 + 720
        for index in 0..<burst { feed.add(service: "niche", minute: burstStart + index % 5, counted: 1) }
        return feed
    }

    @Test func nearZeroSeriesCatchesABurstOfThirtyReporters() throws {
        var detector = Detector()
        let replay = nicheFeed(burst: 30).replay(&detector, to: 14 * 1440 + 800, step: 10)
        let incident = try #require(replay.global.first)
        #expect(replay.global.count == 1)
        #expect(incident.evidence.reporters >= DetectorSettings().minimumReporters)
        #expect(incident.totalReports >= 30 && incident.totalReports <= 31)
    }

    @Test func nearZeroSeriesIgnoresTwoReports() {
        var detector = Detector()
        let replay = nicheFeed(burst: 2).replay(&detector, to: 14 * 1440 + 800, step: 10)
        #expect(replay.all.isEmpty)
    }
}
