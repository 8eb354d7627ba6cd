import Foundation
import OutcryModel
import Testing

@testable import OutcryDetection

/// A whole day of busier-than-usual traffic below the minimum ratio (a holiday, a launch) is not an outage, even
/// on a busy service where 1.4 times the usual is far beyond chance; an hour at three times the usual is.
@Suite(.timeLimit(.minutes(10)))
struct SwellTests {
    /// A daily cycle of 3–12 reports a minute, days at 1.4 times it (two-hour ramps), then a 3× outage for an
    /// hour.
    private func feed(swellDays: [Int], outageAt outage: Int) -> SyntheticFeed {
        var feed = SyntheticFeed()
        let usual = dailyCycle(low: 3, high: 12)
        let swells = swellDays.map { ($0 * 1440 - 120)..<(($0 + 1) * 1440 + 120) }
        feed.addPoisson(service: "portal", minutes: 0..<(outage + 240)) { minute in
            var factor = 1.0
            for swell in swells where swell.contains(minute) {
                let fromStart = Double(minute - swell.lowerBound) / 120
                let toEnd = Double(swell.upperBound - minute) / 120
                factor = 1 + 0.4 * min(1, fromStart, toEnd)
            }
            if (outage..<(outage + 60)).contains(minute) { factor = 3 }
            return usual(minute) * factor
        }
        return feed
    }

    @Test func daysJustBelowTheMinimumRatioRaiseNoIncidentButAnHourAtThreeTimesDoes() throws {
        let swellDays = [15, 17, 19, 22, 24]
        let outage = 26 * 1440 + 600
        var detector = Detector()
        let replay = feed(swellDays: swellDays, outageAt: outage).replay(&detector, to: outage + 240, step: 60)
        let start = SyntheticFeed()
        let beforeOutage = replay.all.filter { $0.detectedAt < start.time(outage) }
        #expect(beforeOutage.isEmpty, "\(beforeOutage.map(\.summary))")
        let found = replay.global.filter { $0.detectedAt >= start.time(outage) }
        #expect(found.count == 1, "\(replay.global.map(\.summary))")
        if let incident = found.first { #expect(incident.detectedAt <= start.time(outage + 30)) }
    }
}
