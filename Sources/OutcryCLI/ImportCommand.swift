import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry import FILE|-`: bulk ingestion of JSON Lines or CSV.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import reports from a JSON Lines or CSV file (or - for standard input).",
        discussion: """
            One report per line. JSON Lines:
              {"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"device-123"}
            CSV, with a header line: service,region,problem,at,reporter[,comment]
            Bad lines are reported with their line number and skipped; the good ones are kept.
            Exit status: 0 when no line was rejected, 1 when some were, 64 for usage errors.
            """
    )

    /// At most this many rejected lines are printed one by one; the rest are counted.
    static let rejectionPrintLimit = 100

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file to import, or - for standard input.") var file: String
    @Option(help: "jsonl or csv (default: from the file extension, else from the first line).") var format: String?
    @Option(help: ArgumentHelp("Reports per transaction.", visibility: .hidden)) var batchSize: Int = 10_000
    @Flag(help: "Check every line and report problems, but store nothing.") var dryRun = false

    func run() async throws {
        var parsedFormat: ImportFormat? = nil
        if let format {
            guard let known = ImportFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format \(quoted(format)) is not a format; use jsonl or csv")
            }
            parsedFormat = known
        }
        guard batchSize > 0 && batchSize <= 1_000_000 else { throw ValidationError("--batch-size must be 1…1000000") }
        let source: ImportSource = file == "-" ? .standardInput : .file(path: file)
        if parsedFormat == nil, case .file(let path) = source { parsedFormat = ImportFormat(fileName: path) }

        let engine = try global.openEngine()
        defer { engine.close() }
        let console = Console.current
        var printed = 0
        var progress = ProgressBar(console: console)
        var importer = ReportImporter()
        importer.batchSize = batchSize
        importer.isDryRun = dryRun
        let result = try importer.run(
            engine: engine, source: source, format: parsedFormat,
            onRejected: { rejection in
                printed += 1
                if printed <= Self.rejectionPrintLimit {
                    progress.clear()
                    console.errorLine(rejection.description)
                }
            },
            onProgress: { progress.update($0) }
        )
        progress.clear()
        if result.rejected > Self.rejectionPrintLimit {
            console.errorLine("… and \(result.rejected - Self.rejectionPrintLimit) more rejected lines")
        }
        console.line(
            dryRun
                ? "checked \(result.summary.stored + result.rejected) lines: \(result.summary.stored) valid, \(result.rejected) rejected (dry run: nothing stored)"
                : result.summaryLine
        )
        if result.rejected > 0 { throw ExitCode.failure }
    }
}
