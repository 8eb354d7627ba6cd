import ArgumentParser
import Foundation
import OutcryBenchmarks

/// `outcry benchmark-detector`: the detector's speed on synthetic series (hidden; used by Scripts/bench-detect.sh).
struct BenchmarkDetectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-detector",
        abstract: "Time the detector on synthetic series (use a release build).",
        shouldDisplay: false
    )

    @Option(help: "Series to track (half regional, half global).") var series: Int = 1000
    @Option(help: "Days of ticks to learn from before timing.") var historyDays: Int = 14
    @Option(help: "Days of timed one-minute ticks.") var days: Int = 14

    func run() async throws {
        guard series > 1, historyDays >= 0, days > 0 else { throw ValidationError("--series > 1, --days > 0") }
        let result = DetectorBenchmark(series: series, historyDays: historyDays, measuredDays: days).run()
        Console.current.line(
            "\(result.trackedSeries) series, \(historyDays) days history, \(days) days timed: "
                + String(
                    format: "%.0f ns per series per tick, %.0f ticks/s, %.2f ms per tick, RSS %.0f MB",
                    result.nanosecondsPerSeriesTick, result.ticksPerSecond,
                    result.seconds * 1000 / Double(result.ticks),
                    result.residentMegabytes)
        )
    }
}
