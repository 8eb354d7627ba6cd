import ArgumentParser
import OutcryEngine
import OutcryModel

/// `outcry incidents`: list incidents.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List incidents (unofficial indicators from user reports) overlapping a range."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @Flag(help: "Print the JSON of `outcry export --format json`.") var json = false

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let chosen = try selection.selection()
        let (incidents, events) = try engine.selectIncidents(chosen)
        let console = Console.current
        if json {
            let document = IncidentExportDocument(
                generatedAt: engine.clock.now(), since: chosen.since, until: chosen.until, incidents: incidents, groupEvents: events
            )
            console.line(try document.jsonText())
            return
        }
        IncidentListPrinter.printTable(incidents, console: console)
        if !events.isEmpty {
            console.line("")
            console.line("Related services failing together:")
            for event in events { console.line("  [group \(event.group)] \(event.summary)") }
        }
    }
}

/// The selection flags shared by `incidents` and `export`.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Only incidents of this service.") var service: String?
    @Option(help: "Only incidents of services in this group.") var group: String?
    @Option(help: "Only incidents of this region (or global).") var region: String?
    @Option(help: "Incidents overlapping the range from this time.") var since: String?
    @Option(help: "Incidents overlapping the range up to this time.") var until: String?
    @Flag(help: "Only open incidents.") var active = false

    func selection() throws -> IncidentSelection {
        var result = IncidentSelection(activeOnly: active)
        do {
            if let service { result.service = try ServiceSlug.parse(service) }
            if let region { result.region = try Region.parseAllowingGlobal(region) }
        } catch {
            throw ValidationError(error.description)
        }
        result.group = group
        if let since { result.since = try parseTimeArgument(since, option: "--since") }
        if let until { result.until = try parseTimeArgument(until, option: "--until") }
        if let start = result.since, let end = result.until, start > end { throw ValidationError("--since must be before --until") }
        return result
    }
}
