import ArgumentParser
import Foundation
import OutcryEngine
import OutcryModel

/// `outcry evaluate`: how detection would have done on stored history, against labelled outage windows.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score detection on stored history against known outage windows (replayed in a scratch copy).",
        discussion: """
            Replays detection over the range exactly like `outcry detect --from --to`, but into a scratch copy of \
            the database (deleted afterwards), so the live incidents are untouched; then compares the incidents \
            it found with the labelled windows, per service and in total: windows found and missed, false \
            incidents (and per service-week), detection latency (median, p90) and a NAB-style score.

            --windows FILE is JSON mapping a service slug to its outage windows, each ["START", "END"] or \
            {"region": "DE", "start": "START", "end": "END"} (ISO 8601); a service with [] had no outage. \
            --windows official uses the linked official status pages' stored incidents as the windows.
            Incidents are unofficial indicators from user reports, not confirmations.

            Example: outcry evaluate --windows outages.json --sensitivity high
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The labelled windows: a JSON file, or `official` for the linked status pages' incidents.")
    var windows: String
    @Option(help: "Evaluate from this time (ISO 8601 or epoch seconds; default: the first stored report's minute).")
    var from: String?
    @Option(help: "Evaluate up to this time (default: the minute after the last stored report).") var to: String?
    @Option(help: "Replay every service with this sensitivity instead of its own (\(Sensitivity.allowedList)).")
    var sensitivity: String?
    @Option(help: "Ignore incidents in this first share of the range, 0 to below 100 (NAB uses 15).")
    var probationPercent: Double = 0
    @Option(help: ArgumentHelp("Where to make the scratch copy (default: $TMPDIR).", valueName: "folder"))
    var scratchFolder: String?
    @Flag(help: "Print JSON instead of tables.") var json = false

    func validate() throws {
        if windows.trimmingASCIIWhitespace().isEmpty {
            throw ValidationError("--windows is empty; give a JSON file of outage windows, or `official`")
        }
        if let sensitivity { _ = try Sensitivity.parseOption(sensitivity) }
        guard probationPercent.isFinite, probationPercent >= 0, probationPercent < 100 else {
            throw ValidationError("--probation-percent must be at least 0 and below 100, not \(probationPercent)")
        }
    }

    func run() async throws {
        var request = EvaluationRequest(labels: windows == "official" ? .official : .file(path: windows))
        if let from { request.from = try parseTimeArgument(from, option: "--from") }
        if let to { request.to = try parseTimeArgument(to, option: "--to") }
        if let start = request.from, let end = request.to, start.epochMinute >= end.epochMinute {
            throw ValidationError("--from must be at least a minute before --to")
        }
        request.sensitivity = try sensitivity.map(Sensitivity.parseOption)
        request.probationPercent = probationPercent
        request.scratchFolder = scratchFolder
        let engine = try global.openEngine()
        defer { engine.close() }
        let report = try engine.evaluate(request)
        let console = Console.current
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            console.line(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            console.write(Self.render(report))
        }
    }

    /// The human form: what was replayed, one table row per service and a total row.
    static func render(_ report: EvaluationReport) -> String {
        var lines: [String] = []
        let days = Double(report.to.seconds - report.from.seconds) / 86_400
        lines.append(
            "Detection replayed over \(report.from.iso8601) to \(report.to.iso8601) (\(String(format: "%.1f", days)) days) "
                + "in a scratch copy; the live incidents are untouched."
        )
        lines.append(
            "Labels: \(report.labelSource == "official" ? "the official status pages' incidents" : report.labelSource); "
                + "sensitivity: \(report.sensitivityOverride.map { "\($0.rawValue) for every service (what-if)" } ?? "each service's own"); "
                + (report.probationPercent > 0
                    ? "probation: the first \(format(report.probationPercent, places: 1))% (scored from \(report.scoredFrom.iso8601))."
                    : "probation: none.")
        )
        lines.append("Incidents counted here are unofficial indicators from user reports, not confirmations.")
        var table = TextTable(
            headers: [
                "SERVICE", "SENSITIVITY", "WINDOWS", "FOUND", "MISSED", "RECALL", "FALSE INCIDENTS (UNOFFICIAL)",
                "FALSE/SERVICE-WEEK", "LATENCY MEDIAN", "LATENCY P90", "NAB SCORE",
            ],
            rightAligned: [2, 3, 4, 5, 6, 7, 8, 9, 10]
        )
        func row(_ name: String, _ sensitivity: String, _ metrics: EvaluationMetrics) -> [String] {
            [
                name, sensitivity, "\(metrics.windows)", "\(metrics.found)", "\(metrics.missed)",
                metrics.recall.map { format($0, places: 2) } ?? "-", "\(metrics.falseIncidents)",
                metrics.falseIncidentsPerServiceWeek.map { format($0, places: 2) } ?? "-",
                metrics.latencyMedianMinutes.map { format($0, places: 1) + " min" } ?? "-",
                metrics.latencyP90Minutes.map { format($0, places: 1) + " min" } ?? "-",
                metrics.nabScore.map { format($0, places: 1) } ?? "-",
            ]
        }
        for slug in report.services.keys.sorted() {
            guard let metrics = report.services[slug] else { continue }
            table.add(row(slug.rawValue, report.sensitivities[slug]?.rawValue ?? "-", metrics))
        }
        table.add(row("total", report.sensitivityOverride?.rawValue ?? "", report.total))
        lines.append("")
        var text = lines.joined(separator: "\n") + "\n" + table.render()
        if report.windowsOutsideRange > 0 {
            let count = report.windowsOutsideRange
            text +=
                count == 1
                ? "(1 labelled window lies outside the scored range and was not scored)\n"
                : "(\(count) labelled windows lie outside the scored range and were not scored)\n"
        }
        return text
    }

    private static func format(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}
