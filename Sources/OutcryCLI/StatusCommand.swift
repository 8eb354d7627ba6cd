import ArgumentParser
import OutcryDetection
import OutcryEngine
import OutcryModel

/// `outcry status [SERVICE]`: the Downdetector-style terminal view.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the current level of every service, or one service's last 24 hours (unofficial).",
        discussion:
            "The view is as of the detector's last tick: run outcry detect (or the daemon) to bring it up to date."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A service slug (default: an overview of all services).", transform: ServiceSlug.argument)
    var service: ServiceSlug?

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let detector = try engine.loadDetector()
        let console = Console.current
        if let service {
            console.write(StatusTextRenderer.render(try engine.statusReport(for: service, detector: detector)))
            return
        }
        let overview = try engine.serviceOverview(detector: detector)
        guard !overview.isEmpty else {
            console.line("no services yet; add one with: outcry service add SLUG")
            return
        }
        console.line(
            "Status as of \((detector.lastTick ?? engine.clock.now()).iso8601) — unofficial, based on user reports")
        var table = TextTable(headers: ["SERVICE", "LEVEL", "LAST 15 MIN", "USUAL", "RATIO"], rightAligned: [2, 3, 4])
        for (service, status) in overview {
            let level = status.map { $0.isPossibleFlood ? "possible flood" : $0.level.rawValue } ?? "no data"
            table.add([
                service.slug.rawValue, level, status.map { "\(Int($0.observed))" } ?? "-",
                status.map { StatusTextRenderer.format($0.baseline) } ?? "-",
                status.map { StatusTextRenderer.format($0.ratio) + "×" } ?? "-",
            ])
        }
        console.write(table.render())
    }
}
