import Foundation
import OutcryDetection
import OutcryModel

/// The detector's speed on synthetic traffic: `series` series (half regional, half the services' global
/// series), `historyDays` of one-minute ticks to learn from, then `measuredDays` of timed ticks.
/// About a third of the regional series get 1–5 reports each minute. Inputs are built before timing, so only
/// the detector is measured. Used by `outcry benchmark-detector` (`Scripts/bench-detect.sh`); it lives in its own
/// target, OutcryBenchmarks, which only the CLI depends on, so OutcryEngine holds use cases only.
package struct DetectorBenchmark: Sendable {
    package var series: Int
    package var historyDays: Int
    package var measuredDays: Int

    package init(series: Int, historyDays: Int, measuredDays: Int) {
        self.series = series
        self.historyDays = historyDays
        self.measuredDays = measuredDays
    }

    /// What one run measured.
    package struct Result: Sendable {
        package var trackedSeries: Int
        package var ticks: Int
        package var seconds: Double
        package var residentMegabytes: Double
        package var nanosecondsPerSeriesTick: Double { seconds / Double(max(1, trackedSeries * ticks)) * 1e9 }
        package var ticksPerSecond: Double { Double(ticks) / max(seconds, 1e-9) }
    }

    package func run() -> Result {
        let serviceCount = max(1, series / 2)
        let slugs = (0..<serviceCount).compactMap { ServiceSlug(rawValue: "svc-\($0)") }
        let regions = ["US", "DE", "GB", "FR", "BR", "IN", "JP"].compactMap { try? Region.parse($0) }
        var detector = Detector()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        func counts(_ minute: Int64) -> [MinuteCount] {
            var rows: [MinuteCount] = []
            for (index, slug) in slugs.enumerated() where random() % 3 == 0 {
                rows.append(
                    MinuteCount(
                        service: slug, region: regions[index % regions.count], problem: .app, minute: minute,
                        counted: Int(1 + random() % 5), duplicates: 0, anonymous: 0
                    )
                )
            }
            return rows
        }
        let start: Int64 = 28_000_000
        let historyEnd = start + Int64(historyDays) * 1440
        for minute in start..<historyEnd {
            _ = detector.tick(at: Timestamp(seconds: (minute + 1) * 60), counts: counts(minute), services: [])
        }
        var measured: Double = 0
        // Build one day of inputs at a time so memory stays flat, and time only the ticks.
        for day in 0..<measuredDays {
            let dayStart = historyEnd + Int64(day) * 1440
            let inputs = (dayStart..<(dayStart + 1440)).map { counts($0) }
            let began = ContinuousClock.now
            for (offset, rows) in inputs.enumerated() {
                _ = detector.tick(
                    at: Timestamp(seconds: (dayStart + Int64(offset) + 1) * 60), counts: rows, services: [])
            }
            measured += (ContinuousClock.now - began).inSeconds
        }
        return Result(
            trackedSeries: detector.statuses().count, ticks: measuredDays * 1440, seconds: measured,
            residentMegabytes: Self.residentMegabytes()
        )
    }

    /// This process's resident set size, from /proc (0 where unavailable).
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
        }
        return 0
    }
}
