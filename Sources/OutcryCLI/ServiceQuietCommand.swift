import ArgumentParser
import OutcryEngine
import OutcryModel

extension ServiceCommand {
    /// `outcry service quiet SLUG --from T --to T [--reason TEXT]`: declares a quiet window.
    struct Quiet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare a quiet window: a surge of reports for the service is expected (no alert).",
            discussion: """
                During the window reports are still counted, but the baseline does not learn from them, and an \
                incident detected inside it is marked expected (with the reason) and sends no notification. \
                Use it for a maintenance, a launch or a sports final. Times are ISO 8601 or epoch seconds, from \
                2000 to 2099; the window is [--from, --to).
                Example: outcry service quiet whatsapp --from 2024-03-05T15:00Z --to 2024-03-05T18:00Z --reason "planned test"
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var slug: ServiceSlug
        @Option(help: "Start of the window (inclusive).") var from: String
        @Option(help: "End of the window (exclusive).") var to: String
        @Option(help: "Why a surge is expected (at most \(QuietWindow.maximumReasonBytes) bytes, one line).")
        var reason: String = ""

        func validate() throws {
            let start = try parseTimeArgument(from, option: "--from")
            let end = try parseTimeArgument(to, option: "--to")
            if let problem = QuietWindow.problem(from: start, to: end, reason: reason) {
                throw ValidationError(problem)
            }
        }

        func run() async throws {
            let start = try parseTimeArgument(from, option: "--from")
            let end = try parseTimeArgument(to, option: "--to")
            let engine = try global.openEngine()
            defer { engine.close() }
            let window = try engine.addQuietWindow(service: slug, from: start, to: end, reason: reason)
            Console.current.line(
                "added quiet window \(window.id) for \(slug): \(window.startsAt.iso8601) to \(window.endsAt.iso8601)"
                    + (window.reason.isEmpty ? "" : " (\(window.reason))"))
        }
    }

    /// `outcry service quiet-list [SLUG]`: the quiet windows, the operator's and the status pages'.
    struct QuietList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiet-list",
            abstract: "List quiet windows (declared with service quiet, or read from linked status pages)."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this service's windows.", transform: ServiceSlug.argument) var slug: ServiceSlug?

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            Console.current.table(
                try engine.quietWindows(service: slug), headers: ["ID", "SERVICE", "FROM", "TO", "SOURCE", "REASON"],
                emptyHint: "no quiet windows; declare one with: outcry service quiet SLUG --from T --to T --reason TEXT"
            ) { window in
                [
                    String(window.id), window.service.rawValue, window.startsAt.iso8601, window.endsAt.iso8601,
                    TerminalText.sanitized(window.source.rawValue), TerminalText.sanitized(window.reason),
                ]
            }
        }
    }

    /// `outcry service quiet-remove ID`: removes a quiet window.
    struct QuietRemove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiet-remove",
            abstract: "Remove a quiet window by its id (see service quiet-list).",
            discussion: """
                Incidents it already marked expected stay so. A window read from a status page comes back on the \
                page's next read while the page still lists the maintenance.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The window's id.") var id: String

        func validate() throws { _ = try parsedID() }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let window = try engine.removeQuietWindow(id: try parsedID())
            Console.current.line("removed quiet window \(window.id) of \(window.service)")
        }

        private func parsedID() throws -> Int64 {
            guard let value = Int64(id), value > 0 else {
                throw ValidationError(
                    "\(quoted(id)) is not a quiet window id; ids are positive whole numbers (see: outcry service quiet-list)"
                )
            }
            return value
        }
    }
}
