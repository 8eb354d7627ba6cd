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
                generatedAt: engine.clock.now(), since: chosen.since, until: chosen.until, incidents: incidents,
                groupEvents: events
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
