import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry prune --before DATE`: deletes old raw reports, keeping the per-minute counts.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete the raw reports of the days before a date (the per-minute counts stay).",
        discussion: """
            Raw reports are the audit trail: who reported what, when. Detection, incidents, exports and \
            replays use the per-minute counts, which are kept; the distinct-reporter counts of pruned days are \
            gone. On PostgreSQL whole day partitions are dropped, which is instant and gives the space back.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The first day to keep (YYYY-MM-DD, UTC); every report before it is deleted.")
    var before: String

    func run() async throws {
        let day = try parseDay(before)
        let engine = try global.openEngine()
        defer { engine.close() }
        let outcome = try engine.pruneReports(before: day)
        var line = "deleted \(outcome.reports) reports before \(day.iso8601)"
        if outcome.partitions > 0 { line += " (\(outcome.partitions) day partitions dropped)" }
        Console.current.line(line)
    }

    /// `YYYY-MM-DD`, or an ISO 8601 instant at a UTC midnight.
    private func parseDay(_ text: String) throws -> Timestamp {
        if text.count == 10, let day = try? parseTimeArgument(text + "T00:00:00Z", option: "--before") {
            return day
        }
        return try parseTimeArgument(text, option: "--before")
    }
}
