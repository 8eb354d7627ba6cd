import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry history SERVICE`: incidents per year and month, durations and spacing.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a service's incident history (unofficial indicators from user reports).",
        discussion: "Overlapping incidents of the service (whole service and regions) count as one."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The service slug.", transform: ServiceSlug.argument) var service: ServiceSlug
    @Option(help: "Only incidents starting in this year (UTC).") var year: Int?

    func validate() throws {
        if let year, !(1970...9999).contains(year) { throw ValidationError("--year must be a year such as 2024") }
    }

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let history = try engine.incidentHistory(of: service)
        let shown = year.map { history.restricted(toYear: Int64($0)) } ?? history
        Console.current.write(IncidentHistoryTextRenderer.render(shown, year: year.map(Int64.init)))
    }
}
