import ArgumentParser
import Foundation
import OutcryEngine
import OutcryModel

/// `outcry demo`: the README's first command — a real detection, end to end, on simulated reports.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Simulate a week of user reports ending in a Meta-style outage, import them, detect, and show the result.",
        discussion: """
            Runs in a temporary database unless --db is given. Everything goes through the real paths: the
            simulated reports are written as JSON Lines, imported like `outcry import`, and detection replays
            every one-minute tick like `outcry detect --from --to`. Deterministic for a given --seed.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Days of simulated traffic before the outage (at least 2).") var days: Int = 7
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func validate() throws {
        guard (2...60).contains(days) else { throw ValidationError("--days must be 2…60") }
    }

    func run() async throws {
        let console = Console.current
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = global
        if options.db == nil { options.db = folder.appendingPathComponent("demo.sqlite").path }
        let engine = try options.openEngine()
        defer { engine.close() }
        let started = monotonicMilliseconds()
        let elapsed = { Double(monotonicMilliseconds() - started) / 1000 }

        console.line("Outcry demo: simulated user reports (not real data), seed \(seed)")
        let result = try engine.runDemo(days: days, seed: seed, workFolder: folder.path, elapsed: elapsed)
        let scenario = result.scenario
        console.line(
            "1. Simulated \(days) days (\(scenario.start.iso8601) to \(scenario.end.iso8601)) for "
                + scenario.services.map(\.service.name).joined(separator: ", ")
                + ", in \(scenario.regions.count) countries, with daily cycles, noise and repeat reporters."
        )
        console.line(
            "2. Imported them like `outcry import`: \(result.importResult.summaryLine) (\(seconds(result.importSeconds)))"
        )
        console.line(
            "3. Replayed detection like `outcry detect --from --to`: \(result.detection.ticks) one-minute ticks "
                + "(\(seconds(result.detectionSeconds)))"
        )
        console.line("")
        let incidents = try engine.selectIncidents(IncidentSelection()).incidents.sorted { $0.startedAt < $1.startedAt }
        let whole = incidents.filter { $0.region.isGlobal }
        console.line("What Outcry found — \(IncidentExportDocument.disclaimer)")
        console.line("")
        console.line("Service-wide incidents (\(whole.count)):")
        for incident in whole {
            console.line("  • \(incident.summary)")
            console.line(
                "      onset \(incident.startedAt.iso8601), detected \(incident.detectedAt.iso8601) "
                    + "(\(StatusTextRenderer.duration(seconds: incident.detectedAt.seconds - incident.startedAt.seconds)) later), "
                    + "peak \(incident.peakReports)/15 min vs usual \(StatusTextRenderer.format(incident.baselineReports)), "
                    + "scope \(incident.scope.rawValue), problem mix shift \(Int((incident.problemMixShift * 100).rounded()))%"
            )
        }
        let regional = incidents.filter { !$0.region.isGlobal }
        console.line("")
        console.line("Per-region incidents: \(regional.count), in \(Set(regional.map(\.region)).count) regions.")
        for incident in regional
        where !incidents.contains(where: {
            $0.region.isGlobal && $0.service == incident.service && overlaps($0, incident)
        }) {
            console.line("  • \(incident.summary)  (only this region: a partial outage)")
        }
        let events = try engine.selectIncidents(IncidentSelection()).groupEvents
        if !events.isEmpty {
            console.line("")
            console.line("Related services failing together:")
            for event in events { console.line("  • [\(event.group)] \(event.summary)") }
        }
        if let epicentre = events.first?.epicentre ?? whole.last?.service {
            console.line("")
            console.line("`outcry status \(epicentre)` at the end of the replay:")
            console.line("")
            console.write(
                StatusTextRenderer.render(try engine.statusReport(for: epicentre, detector: try engine.loadDetector())))
        }
        console.line("")
        console.line(
            "Keep this database with --db demo.sqlite, then try: outcry incidents, outcry status, outcry export --format json."
        )
    }

    private func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }

    private func overlaps(_ a: Incident, _ b: Incident) -> Bool {
        let aEnd = a.endedAt ?? .init(seconds: .max)
        let bEnd = b.endedAt ?? .init(seconds: .max)
        return a.startedAt <= bEnd && b.startedAt <= aEnd
    }
}
