import ArgumentParser
import Foundation
import OutcryEngine
import OutcryModel

/// `outcry export`: spike summaries for other tools.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export incidents (unofficial indicators from user reports) overlapping a range.",
        discussion: "Formats: json. The JSON field names are a stable public interface."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: "Output format: json.") var format: Format = .json
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let chosen = try selection.selection()
        let (incidents, events) = try engine.selectIncidents(chosen)
        let document = IncidentExportDocument(
            generatedAt: engine.clock.now(), since: chosen.since, until: chosen.until, incidents: incidents, groupEvents: events
        )
        let text = try document.jsonText() + "\n"
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw EngineError.cannotRead(path: output, reason: "cannot write it: \(error.localizedDescription)")
            }
            Console.current.errorLine("wrote \(incidents.count) incidents to \(output)")
        } else {
            Console.current.write(text)
        }
    }
}
