import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry official add|list|remove|sync|incidents`: the providers' official status pages.
///
/// What these commands show are the providers' own statements; Outcry's crowd incidents stay unofficial and
/// only say whether the official page acknowledged them.
struct OfficialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "official",
        abstract: "Link services to their providers' official status pages (Statuspage v2, Atom/RSS) and read them.",
        discussion: """
            Official incidents are the provider's own statements. Outcry's incidents stay unofficial; each one \
            says whether the official page acknowledged it, when, and how many minutes after users began \
            reporting. The daemon reads linked pages every 2 minutes (backing off after failures).
            """,
        subcommands: [Add.self, List.self, Remove.self, Sync.self, Incidents.self]
    )

    static let nothingLinked =
        "no official status pages linked; link one with: outcry official add SERVICE --statuspage URL_OR_FILE"

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a service to its official status page (replaces an existing link).",
            discussion: """
                Examples:
                  outcry official add github --statuspage https://www.githubstatus.com
                  outcry official add github --statuspage https://www.githubstatus.com --component "Git Operations"
                  outcry official add github --statuspage https://www.githubstatus.com/api/v2/summary.json
                  outcry official add whatsapp --statuspage ./incidents.json
                  outcry official add slack --feed https://slack-status.com/feed/atom
                A Statuspage page is read the same however it is pasted: its root, …/api/v2, or any …/api/v2/….json \
                document (summary.json, status.json, incidents.json, …) means its /api/v2/summary.json (components, \
                open incidents, scheduled maintenances) and /api/v2/incidents.json (recent incidents). Another .json \
                URL or a file is read as is. --feed reads an Atom or RSS status feed (URLs ending in .atom, .rss, \
                .xml, /feed or /rss are recognised as feeds with --statuspage too); the format of a file is told by \
                its content.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var service: ServiceSlug
        @Option(
            help: "The Statuspage v2 page root URL (or any of its /api/v2 .json URLs), a .json URL, or a file path.")
        var statuspage: String?
        @Option(help: "An Atom or RSS status feed URL (or a saved feed file).") var feed: String?
        @Option(help: "Only official incidents naming this component (by name or id), or naming none, count.")
        var component: String?

        func validate() throws {
            switch (statuspage, feed) {
            case (nil, nil): throw ValidationError("give the status page with --statuspage URL_OR_FILE or --feed URL")
            case (.some, .some): throw ValidationError("give either --statuspage or --feed, not both")
            default: break
            }
        }

        /// The location to store: a feed URL carries the `feed:` prefix unless its path already says feed.
        var location: String {
            if let feed {
                let trimmed = feed.trimmingASCIIWhitespace()
                if case .success(.feed) = OfficialLocation.parse(trimmed) { return trimmed }
                return OfficialLocation.feedPrefix + trimmed
            }
            return statuspage ?? ""
        }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let location = self.location
            let change = try engine.addOfficialSource(service: service, location: location, component: component)
            let source = try engine.officialSources().first { $0.service == service }
            let described =
                (source?.location ?? location) + (source?.component.map { " (component \(quoted($0)))" } ?? "")
            let console = Console.current
            switch change {
            case .added: console.line("linked \(service) to the official status page \(described)")
            case .replaced: console.line("replaced the official status page of \(service): now \(described)")
            case .unchanged: console.line("\(service) is already linked to the official status page \(described)")
            }
            if case .success(let parsed) = OfficialLocation.parse(source?.location ?? location) {
                console.line(TerminalText.sanitized("  " + parsed.readDescription))
            }
            if change != .unchanged { console.line("read it now with: outcry official sync \(service)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the linked official status pages and how their reads went.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let now = engine.clock.now()
            Console.current.table(
                try engine.officialSources(),
                headers: ["SERVICE", "SOURCE", "COMPONENT", "LAST SUCCESS", "LAST ERROR", "NEXT ATTEMPT"],
                emptyHint: OfficialCommand.nothingLinked
            ) { source in
                // The last error quotes the remote page: no control characters reach the terminal.
                [
                    source.service.rawValue, source.location, source.component ?? "-",
                    source.lastSuccessAt?.iso8601 ?? "never", source.lastError ?? "-",
                    source.isDue(at: now) ? "due now" : (source.nextAttemptAt?.iso8601 ?? "due now"),
                ].map { TerminalText.sanitized($0) }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlink a service from its official status page and forget the official incidents read from it."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var service: ServiceSlug

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            try engine.removeOfficialSource(service: service)
            Console.current.line("unlinked \(service) from its official status page")
        }
    }

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the linked official status pages once, now.",
            discussion: """
                Exits with status 1 when any page could not be read; what earlier reads stored is kept. An \
                incident or component the page got wrong (a missing field, a time outside 2000-2099) is skipped \
                and named; the rest of the page is stored. Redirects are followed only to public addresses and \
                never from https to http (--allow-private-addresses lifts the first rule).
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this service (default: every linked service).", transform: ServiceSlug.argument)
        var service: ServiceSlug?
        @Option(help: "Seconds to wait for each document.") var timeout: Double = 10
        @Flag(help: "Follow redirects to loopback, private and link-local addresses (tests, intranets).")
        var allowPrivateAddresses = false

        func validate() throws {
            guard timeout > 0, timeout <= 600 else {
                throw ValidationError("--timeout must be between 0 and 600 seconds")
            }
        }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let fetcher = StatusPageFetcher(
                timeout: .milliseconds(Int64((timeout * 1000).rounded())), allowsPrivateAddresses: allowPrivateAddresses
            )
            let results = try await engine.syncOfficialSources(fetcher: fetcher, services: service.map { [$0] })
            let console = Console.current
            guard !results.isEmpty else {
                console.line(OfficialCommand.nothingLinked)
                return
            }
            console.line("Official status pages (the providers' own statements):")
            for result in results {
                switch result.outcome {
                case .stored(let record):
                    var line =
                        "\(result.service): \(counted(record.incidents, "official incident")) (\(record.newIncidents) new)"
                    line +=
                        ", \(counted(record.components, "component")) (\(counted(record.componentChanges, "status change")))"
                    console.line(TerminalText.sanitized(line + " from \(result.location)"))
                    let quiet = result.quietWindows
                    if quiet != QuietWindowSyncRecord() {
                        console.line(
                            "  scheduled maintenances → quiet windows: \(quiet.added) added, \(quiet.updated) updated, "
                                + "\(quiet.removed) removed (see: outcry service quiet-list \(result.service))")
                    }
                    Self.printSkipped(result, console: console)
                case .failed(let reason, let failures):
                    let count = "\(failures) failure\(failures == 1 ? "" : "s") in a row"
                    console.line(
                        TerminalText.sanitized(
                            "\(result.service): failed: \(reason); kept what was stored; "
                                + "\(count), next attempt at \(result.nextAttemptAt)"
                        )
                    )
                }
            }
            if results.contains(where: { !$0.isSuccess }) { throw ExitCode.failure }
        }

        /// `  skipped 1 entry the page got wrong (the rest was stored): incidents.json: incidents[3].created_at …`
        static func printSkipped(_ result: OfficialSyncResult, console: Console) {
            guard result.skippedCount > 0 else { return }
            let shown = result.skipped.prefix(5)
            console.line(
                "  skipped \(counted(result.skippedCount, "entry", plural: "entries")) the page got wrong "
                    + "(the rest was stored):"
            )
            for problem in shown { console.line("    " + TerminalText.sanitized(problem)) }
            if result.skippedCount > shown.count {
                console.line("    … and \(result.skippedCount - shown.count) more")
            }
        }
    }

    struct Incidents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the official incidents and component statuses stored for a service."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The service slug.", transform: ServiceSlug.argument) var service: ServiceSlug

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            guard let source = try engine.officialSources().first(where: { $0.service == service }) else {
                throw ValidationError(
                    "service \(service) has no official status page; link one with: "
                        + "outcry official add \(service) --statuspage URL_OR_FILE"
                )
            }
            let incidents = try engine.officialIncidents(of: service)
            let components = try engine.officialComponentStates(of: service)
            let console = Console.current
            console.line(
                TerminalText.sanitized(
                    "Official statements of \(service)'s status page \(source.location) "
                        + "(the provider's own, not Outcry's):"
                )
            )
            if incidents.isEmpty {
                console.line("no official incidents stored; read the page with: outcry official sync \(service)")
            } else {
                var table = TextTable(headers: ["CREATED", "RESOLVED", "IMPACT", "STATUS", "TITLE", "URL"])
                for incident in incidents {
                    // Titles, statuses and URLs are the page's text: no control characters reach the terminal.
                    table.add(
                        [
                            incident.createdAt.iso8601, incident.spanEnd?.iso8601 ?? "open",
                            incident.impact?.rawValue ?? "-",
                            incident.status, incident.name, incident.url ?? "-",
                        ].map { TerminalText.sanitized($0) }
                    )
                }
                console.write(table.render())
            }
            guard !components.isEmpty else { return }
            console.line("")
            var table = TextTable(headers: ["COMPONENT", "STATUS", "SEEN SINCE"])
            for component in components {
                table.add(
                    [component.name, component.status.rawValue, component.observedAt.iso8601].map {
                        TerminalText.sanitized($0)
                    }
                )
            }
            console.write(table.render())
        }
    }
}

/// `1 official incident`, `3 official incidents`.
private func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
