import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry report SERVICE --region US …`: submit one problem report.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a problem with a service.",
        discussion: "Example: outcry report whatsapp --region US --problem login --reporter device-123"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The service slug.") var service: String
    @Option(help: "ISO 3166-1 country code, optionally with a subdivision: US, DE, US-CA.") var region: String
    @Option(help: "Problem kind: \(ProblemKind.allowedList) (default: other).") var problem: String?
    @Option(help: "An opaque reporter id (device id, account hash); stored only as a keyed hash.") var reporter: String?
    @Option(help: "A short comment (at most 280 characters).") var comment: String?
    @Option(help: "When the problem happened (ISO 8601 or epoch seconds; default: now).") var at: String?

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let input = ReportInput(
            service: service, region: region, problem: problem, at: at.map { .text($0) }, reporter: reporter,
            comment: comment
        )
        let stored = try engine.submit(input, source: .cli)
        let report = stored.report
        let verdict: String =
            switch stored.classification {
            case .counted: "counted"
            case .anonymous: "counted (anonymous)"
            case .duplicate:
                "not counted: duplicate (the same reporter already reported \(report.service) within "
                    + "\(engine.duplicateCooldownSeconds / 60) minutes; stored for audit)"
            }
        Console.current.line(
            "stored report: \(report.service) \(report.region) \(report.problem.rawValue) at \(report.at.iso8601) — \(verdict)"
        )
    }
}
