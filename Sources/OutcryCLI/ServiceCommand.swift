import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry service add|list|set|remove`: the services Outcry monitors.
struct ServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Add, list, change or remove monitored services; declare quiet windows.",
        subcommands: [Add.self, List.self, Change.self, Remove.self, Quiet.self, QuietList.self, QuietRemove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Monitor a service (idempotent for identical values).",
            discussion: "Example: outcry service add whatsapp --name WhatsApp --group meta"
        )

        @OptionGroup var global: GlobalOptions
        @Argument(
            help: "The service slug: lower-case letters, digits and '-', e.g. whatsapp.",
            transform: ServiceSlug.argument)
        var slug: ServiceSlug
        @Option(help: "Display name (default: the slug).") var name: String?
        @Option(help: "Group of related services that often fail together, e.g. meta.") var group: String?
        @Option(help: "Comma-separated problem kinds the service accepts (default: all): \(ProblemKind.allowedList).")
        var problems: String?

        func run() async throws {
            let service = try parsedService()
            let engine = try global.openEngine()
            defer { engine.close() }
            let outcome = try engine.addService(service)
            let console = Console.current
            switch outcome {
            case .added: console.line("added service \(service.slug) (\(service.name))\(groupSuffix(service))")
            case .unchanged: console.line("service \(service.slug) already exists with these values")
            }
        }

        func parsedService() throws -> MonitoredService {
            if let group { try checkGroupOption(group) }
            var kinds: [ProblemKind]? = nil
            if let problems {
                kinds = try problems.split(separator: ",").map { name in
                    let trimmed = String(name).trimmingASCIIWhitespace().lowercased()
                    guard let kind = ProblemKind(rawValue: trimmed) else {
                        throw ValidationError(
                            "--problems: \(quoted(trimmed)) is not a problem kind; allowed: \(ProblemKind.allowedList)")
                    }
                    return kind
                }
                if kinds?.isEmpty ?? false { throw ValidationError("--problems is empty; list at least one kind") }
            }
            if let name {
                do { try MonitoredService.checkName(name, field: "--name") } catch {
                    throw ValidationError(error.description)
                }
            }
            return MonitoredService(slug: slug, name: name, group: group, problems: kinds)
        }

        private func groupSuffix(_ service: MonitoredService) -> String {
            service.group.map { " in group \($0)" } ?? ""
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List monitored services.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            Console.current.table(
                try engine.services(), headers: ["SLUG", "NAME", "GROUP", "PROBLEMS", "SENSITIVITY"],
                emptyHint: "no services yet; add one with: outcry service add SLUG --name NAME"
            ) { service in
                [
                    service.slug.rawValue, service.name, service.group ?? "-",
                    service.problems.map { $0.map(\.rawValue).joined(separator: ",") } ?? "all",
                    service.sensitivity.rawValue,
                ]
            }
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a monitored service's settings.",
            discussion: """
                --sensitivity chooses how readily a spike becomes a likely outage, as an expected false-alarm \
                rate: low (fewer false alarms, later and fewer detections of small outages), normal (the \
                default) or high (earlier detection of small outages, more false alarms). Try a level on your \
                own history first: outcry evaluate --windows FILE --sensitivity high
                Example: outcry service set whatsapp --sensitivity high
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var slug: ServiceSlug
        @Option(help: "How readily a spike becomes a likely outage: \(Sensitivity.allowedList).") var sensitivity:
            String?

        func validate() throws {
            guard let sensitivity else {
                throw ValidationError("nothing to change; pass --sensitivity low|normal|high")
            }
            _ = try Sensitivity.parseOption(sensitivity)
        }

        func run() async throws {
            guard let sensitivity else { return }
            let level = try Sensitivity.parseOption(sensitivity)
            let engine = try global.openEngine()
            defer { engine.close() }
            let previous = try engine.setSensitivity(level, of: slug)
            Console.current.line(
                previous == level
                    ? "service \(slug) already has sensitivity \(level.rawValue)"
                    : "service \(slug): sensitivity \(previous.rawValue) → \(level.rawValue) "
                        + "(used from the next detection run)"
            )
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop monitoring a service.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var slug: ServiceSlug
        @Flag(help: "Also delete the service's stored reports, counts and incidents.") var withReports = false

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let removed = try engine.removeService(slug, withReports: withReports)
            Console.current.line("removed service \(slug)" + (removed > 0 ? " and its \(removed) reports" : ""))
        }
    }
}

extension Sensitivity {
    /// `low, normal, high`, for help and errors.
    static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a `--sensitivity` value or refuses it naming the allowed values.
    static func parseOption(_ text: String) throws -> Sensitivity {
        guard let level = Sensitivity(label: text.trimmingASCIIWhitespace()) else {
            throw ValidationError("--sensitivity \(quoted(text)) is not a sensitivity; allowed: \(allowedList)")
        }
        return level
    }
}
