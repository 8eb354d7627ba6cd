import Foundation
import OutcryModel
import Testing

@testable import OutcryDetection

/// The likely threshold is calibrated on each series' own history: bursty series need much more, calm ones
/// little, and the operator's sensitivity moves the false-alarm rate.
@Suite(.timeLimit(.minutes(10)))
struct CalibrationTests {
    private let week = 7 * 1440

    /// A low-volume series (about 2 per 5 minutes) with a one-bucket burst of ~150 reports twice a day.
    private func burstyFeed(days: Int, outageAt outage: Int? = nil) -> SyntheticFeed {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "ticker", minutes: 0..<(days * 1440)) { _ in 0.4 }
        for day in 0..<days {
            for burst in [day * 1440 + 300 + (day * 137) % 400, day * 1440 + 1000 + (day * 89) % 300] {
                for minute in 0..<5 { feed.add(service: "ticker", minute: burst + minute, counted: 30) }
            }
        }
        if let outage {
            // A real outage: ten times the usual volume for two hours.
            for minute in outage..<(outage + 120) { feed.add(service: "ticker", minute: minute, counted: 4) }
        }
        return feed
    }

    @Test func aBurstySeriesLearnsItsBurstsAndStillCatchesASustainedOutage() throws {
        let outage = 20 * 1440 + 600
        var detector = Detector()
        let replay = burstyFeed(days: 21, outageAt: outage).replay(&detector, to: 21 * 1440, step: 30)
        // Early bursts may alarm (nothing tells the first burst from an outage); after two weeks they do not.
        let late = replay.global.filter { $0.detectedAt > SyntheticFeed().time(7 * 1440) }
        let falseAlarms = late.filter { $0.detectedAt < SyntheticFeed().time(outage) }
        #expect(falseAlarms.isEmpty, "\(falseAlarms.map(\.summary))")
        let found = late.filter { $0.detectedAt >= SyntheticFeed().time(outage) }
        #expect(found.count == 1, "\(replay.global.map(\.summary))")
        let early = replay.global.count - late.count
        #expect(early <= 6, "\(early) alarms in the first week, \(replay.global.count) in all")
        let status = try #require(
            detector.status(of: SeriesKey(service: SyntheticFeed.slug("ticker"), region: .global)))
        #expect(status.evidenceThreshold > 3 * DetectorSettings().tailStart)
    }

    /// Bursts that hop between regions teach the service's calibration; a region that gets its first burst
    /// needs as much evidence as its service would, so the burst is no incident — a sustained outage there is.
    @Test func aRegionBorrowsItsServicesCalibration() throws {
        var feed = SyntheticFeed()
        let days = 21
        for region in ["US", "DE", "GB"] {
            feed.addPoisson(service: "ticker", region: region, minutes: 0..<(days * 1440)) { _ in 0.15 }
        }
        // Two bursts a day for two weeks, in the US or in Germany, never in Britain.
        for day in 0..<14 {
            for (index, burst) in [day * 1440 + 300 + (day * 137) % 400, day * 1440 + 1000 + (day * 89) % 300]
                .enumerated()
            {
                let region = (day + index).isMultiple(of: 2) ? "US" : "DE"
                for minute in 0..<5 { feed.add(service: "ticker", region: region, minute: burst + minute, counted: 30) }
            }
        }
        // Britain's first burst, then a real outage there: ten times its volume for two hours.
        let burst = 16 * 1440 + 600
        for minute in 0..<5 { feed.add(service: "ticker", region: "GB", minute: burst + minute, counted: 30) }
        let outage = 19 * 1440 + 600
        for minute in outage..<(outage + 120) { feed.add(service: "ticker", region: "GB", minute: minute, counted: 2) }
        var detector = Detector()
        let replay = feed.replay(&detector, to: days * 1440, step: 30)
        let britain = replay.all.filter {
            $0.region == SyntheticFeed.region("GB") || $0.regions.contains(SyntheticFeed.region("GB"))
        }
        let first = feed.time(burst)
        let afterBurst = britain.filter { $0.detectedAt >= first && $0.detectedAt < feed.time(outage) }
        #expect(afterBurst.isEmpty, "\(afterBurst.map(\.summary))")
        let found = britain.filter { $0.detectedAt >= feed.time(outage) }
        #expect(found.count == 1, "\(replay.all.map(\.summary))")
    }

    @Test func aCalmServiceAlarmsOnAFewDozenDistinctReportersWithinMinutes() throws {
        var feed = SyntheticFeed()
        // About four reports a day for two weeks, then 15 distinct reporters within 10 minutes.
        for day in 0..<14 {
            for index in 0..<4 {
                feed.add(service: "niche", minute: day * 1440 + 200 + index * 311 + day * 7, counted: 1)
            }
        }
        let burst = 14 * 1440 + 600
        for index in 0..<15 { feed.add(service: "niche", minute: burst + index * 2 / 3, counted: 1) }
        var detector = Detector()
        let replay = feed.replay(&detector, to: burst + 60, step: 1)
        let incident = try #require(replay.global.first)
        #expect(replay.global.count == 1)
        #expect(incident.detectedAt <= feed.time(burst + 15))
    }

    @Test func moreRegionsDoNotMeanMoreFalseAlarms() {
        // The same service-level period: a service with six series calibrates each to six times the period.
        var settings = DetectorSettings()
        settings.falseAlarmWeeks = 13
        let gains = Gains(settings)
        let calibration = AlarmCalibration()
        let one = calibration.threshold(gains: gains, targetMinutes: gains.targetMinutes(for: .normal))
        let six = calibration.threshold(gains: gains, targetMinutes: gains.targetMinutes(for: .normal) * 6)
        #expect(six > one)
    }

    @Test func sensitivityOrdersTheThresholds() {
        let gains = Gains(DetectorSettings())
        var calibration = AlarmCalibration()
        for _ in 0..<(4 * week) { _ = calibration.accumulate(0, gains: gains, targetMinutes: 1) }
        let low = calibration.threshold(gains: gains, targetMinutes: gains.targetMinutes(for: .low))
        let normal = calibration.threshold(gains: gains, targetMinutes: gains.targetMinutes(for: .normal))
        let high = calibration.threshold(gains: gains, targetMinutes: gains.targetMinutes(for: .high))
        #expect(low > normal && normal > high)
        #expect(high >= DetectorSettings().tailStart)
    }

    /// Property: whatever the episodes, the threshold is finite, at least the tail start, and rises with every
    /// exceedance bigger than the current mean excess; one huge episode raises it by a bounded amount.
    @Test func thresholdIsBoundedAndLearnsFromEpisodes() {
        let gains = Gains(DetectorSettings())
        let target = gains.targetMinutes(for: .normal)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            var calibration = AlarmCalibration()
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let height = Double.random(in: 0...500, using: &generator)
                let length = Int.random(in: 1...30, using: &generator)
                let before = calibration.threshold(gains: gains, targetMinutes: target)
                for _ in 0..<length {
                    _ = calibration.accumulate(height / Double(length) + 1.5, gains: gains, targetMinutes: target)
                }
                for _ in 0..<Int.random(in: 1...500, using: &generator) {
                    _ = calibration.accumulate(-5, gains: gains, targetMinutes: target)
                }
                let after = calibration.threshold(gains: gains, targetMinutes: target)
                #expect(after.isFinite && after >= gains.tailStart)
                // One episode can at most add its capped excess to the record.
                #expect(after <= before + gains.excessCap * (before - gains.tailStart + gains.priorExcess) * 20)
            }
        }
        var quiet = AlarmCalibration()
        var bursty = AlarmCalibration()
        for _ in 0..<20 {
            for _ in 0..<15 { _ = bursty.accumulate(12, gains: gains, targetMinutes: target) }
            for _ in 0..<1000 {
                _ = bursty.accumulate(0, gains: gains, targetMinutes: target)
                _ = quiet.accumulate(0, gains: gains, targetMinutes: target)
            }
        }
        #expect(
            bursty.threshold(gains: gains, targetMinutes: target) > 2
                * quiet.threshold(gains: gains, targetMinutes: target))
    }

    @Test func settingsWithoutTheNewKeysDecodeToTheDefaults() throws {
        let decoded = try JSONDecoder().decode(DetectorSettings.self, from: Data(#"{"possible_statistic": 3}"#.utf8))
        #expect(decoded == DetectorSettings())
        let custom = try JSONDecoder().decode(DetectorSettings.self, from: Data(#"{"false_alarm_weeks": 4}"#.utf8))
        #expect(custom.falseAlarmWeeks == 4)
    }
}
