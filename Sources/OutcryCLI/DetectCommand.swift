import ArgumentParser
import Foundation
import OutcryEngine
import OutcryModel

/// `outcry detect`: run the detector now, or replay a range tick by tick.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run outage detection: one tick at now (catching up), or replay --from/--to minute by minute.",
        discussion: """
            Without --from/--to, detection catches up from where it last stopped to now, exactly as the daemon
            ticking every minute would have. With --from and --to it replays every one-minute tick in the range
            in order (each decision uses only reports with at < tick); replaying a range again replaces its
            incidents instead of duplicating them. Incidents are unofficial indicators from user reports.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Replay from this time (ISO 8601 or epoch seconds).") var from: String?
    @Option(help: "Replay up to this time.") var to: String?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
    }

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let started = monotonicMilliseconds()
        let run: DetectionRun
        var requestedEnd: Timestamp? = nil
        if let from, let to {
            let start = try parseTimeArgument(from, option: "--from")
            let end = try parseTimeArgument(to, option: "--to")
            guard start < end else { throw ValidationError("--from must be before --to") }
            requestedEnd = end
            run = try engine.replay(from: start, to: end)
        } else {
            run = try engine.detect(upTo: engine.clock.now())
        }
        let elapsed = Double(monotonicMilliseconds() - started) / 1000
        let console = Console.current
        guard let last = run.lastTick else {
            console.line("nothing to detect: no reports yet, or detection is up to date")
            return
        }
        console.line(
            "ran \(run.ticks) one-minute ticks up to \(last.iso8601) in \(String(format: "%.1f", elapsed)) s: "
                + "\(run.changedIncidents.count) incidents opened or updated, \(run.changedGroupEvents.count) group events"
        )
        if let requestedEnd, last.epochMinute > requestedEnd.epochMinute {
            console.line(
                "(continued past --to to \(last.iso8601), where live detection already stood, so incidents stay consistent)"
            )
        }
        if run.queuedNotifications > 0 {
            let count = run.queuedNotifications
            console.line(
                "recorded \(count) incident state change\(count == 1 ? "" : "s") for notification hooks and the feed "
                    + "(the daemon delivers them; without it: outcry notify deliver)"
            )
        }
        IncidentListPrinter.printSummaries(run.changedIncidents, events: run.changedGroupEvents, console: console)
    }
}
