import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry export`: spike summaries for people (Markdown, HTML, SVG) and tools (JSON, CSV, Statuspage).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export incidents (unofficial indicators from user reports) overlapping a range.",
        discussion: """
            Formats: json (the stable public interface), csv (one row per incident, RFC 4180), markdown (a report \
            with timelines, problems, regions and history), svg (charts of reports against the usual level), html \
            (the report with its charts in one offline file), statuspage (a Statuspage v2 summary.json-shaped \
            document; crowd evidence never reports a major outage). Every format selects incidents the same way: \
            those overlapping --since/--until, and says what the service's official status page said when one is \
            linked. Output is written as it is rendered, so a year of incidents stays small in memory.
            """
    )

    /// The formats, parsed into our own enum (the engine's enum does not conform to ArgumentParser).
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, markdown, svg, html, statuspage

        var engineFormat: ExportFormat {
            switch self {
            case .json: .json
            case .csv: .csv
            case .markdown: .markdown
            case .svg: .svg
            case .html: .html
            case .statuspage: .statuspage
            }
        }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: "Output format: json, csv, markdown, svg, html or statuspage.") var format: Format = .json
    @Option(help: "Only this incident (svg: its chart, around its span).") var incident: String?
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "statuspage: the URL the page is served at (incident shortlinks build on it).")
    var pageURL: String?

    func run() async throws {
        // An export reads each page about once: a 2 MiB page cache instead of the 32 MiB sized for ingestion
        // keeps a year's export small, at no cost in speed.
        let engine = try global.openEngine(pageCacheKibibytes: 2 * 1024)
        defer { engine.close() }
        var chosen = try selection.selection()
        chosen.incidentID = incident
        let format = format.engineFormat
        let detector = format.showsCharts || format.showsAllServices ? try engine.loadDetector() : nil
        var settings = StatuspageSettings()
        if let pageURL { settings.url = pageURL.hasSuffix("/") ? String(pageURL.dropLast()) : pageURL }
        // Streamed in chunks to the file or standard output: a year of incidents never sits in memory as text.
        if let output {
            let file: FileExportSink
            do {
                file = try FileExportSink(path: output)
            } catch {
                throw EngineError.cannotRead(path: output, reason: "cannot write it: \(error.reason)")
            }
            var out = ExportOutput(sink: file)
            let report: ExportReport
            do {
                report = try engine.export(chosen, format: format, detector: detector, statuspage: settings, to: &out)
                _ = try out.finish()
                try file.commit()
            } catch let failure as FileExportSink.Failure {
                file.discard()
                throw EngineError.cannotRead(path: output, reason: "cannot write it: \(failure.reason)")
            } catch {
                file.discard()
                throw error
            }
            Console.current.errorLine("wrote \(report.incidents.count) incidents to \(output)")
        } else {
            var out = ExportOutput(sink: ConsoleExportSink(console: Console.current))
            _ = try engine.export(chosen, format: format, detector: detector, statuspage: settings, to: &out)
            _ = try out.finish()
        }
    }
}

/// Hands export chunks to the console's standard output (captured in tests).
private final class ConsoleExportSink: ExportSink {
    let console: Console

    init(console: Console) { self.console = console }

    func write(_ chunk: UnsafeBufferPointer<UInt8>) throws { console.write(String(decoding: chunk, as: UTF8.self)) }
}

/// `outcry benchmark-export-seed`: fills a database with synthetic services and a year of synthetic incidents
/// (hidden; used by Scripts/bench-export.sh).
struct BenchmarkExportSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-export-seed",
        abstract: "Store synthetic services and a year of synthetic incidents (for export benchmarks).",
        shouldDisplay: false
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Number of synthetic services.") var services: Int = 1000
    @Option(help: "The year of incidents.") var year: Int = 2024
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let stored = try engine.seedSyntheticIncidents(services: services, year: Int64(year), seed: seed)
        Console.current.line("stored \(stored) synthetic incidents for \(services) services in \(year)")
    }
}
