import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry notify add|list|remove|log|deliver|test`: announce incident state changes to webhooks or commands.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract:
            "Send incident state changes (opened, level raised, resolved, acknowledged) to webhooks, commands, chat, PagerDuty or email.",
        discussion: """
            Live detection (outcry detect, the daemon) records each change once; replays record nothing. The daemon
            delivers them as they come; without it, run outcry notify deliver from cron. Failed deliveries are
            retried with exponential backoff (30 s doubling, at most an hour apart, 8 attempts).

            A webhook receives a POST whose body is the incident's JSON (labelled "unofficial") plus "event",
            "event_id" and "occurred_at", with the headers X-Outcry-Event, X-Outcry-Delivery (the event id: the
            same on every retry, deduplicate on it), X-Outcry-Timestamp and X-Outcry-Signature-256:
            "sha256=" + hex(HMAC-SHA256(secret, X-Outcry-Timestamp + "." + body)). An exec hook runs its command
            with /bin/sh -c, the same JSON on standard input and OUTCRY_EVENT, OUTCRY_EVENT_ID, OUTCRY_INCIDENT_ID,
            OUTCRY_SERVICE, OUTCRY_LEVEL, OUTCRY_HOOK_ID, OUTCRY_ATTEMPT in its environment; exit status 0 means
            delivered.

            Native notifiers (slack, teams, discord, googlechat, pagerduty, email) send the provider's own format,
            labelled unofficial, naming the service, regions, top problems, ratio and onset, and linking the
            incident page when the daemon (or notify deliver/test) has --public-url. They are not signed: none of
            these providers verifies a sender's signature; the URL, routing key or recipients are the credential.
            """,
        subcommands: [Add.self, List.self, Remove.self, Log.self, Deliver.self, Test.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Add a webhook, a command, a chat or paging service, or email recipients that receive the events.",
            subcommands: [
                Webhook.self, Exec.self, ChatHookCommand<Slack>.self, ChatHookCommand<Teams>.self,
                ChatHookCommand<Discord>.self, ChatHookCommand<GoogleChat>.self, PagerDuty.self, Email.self,
            ]
        )
    }

    struct Webhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "POST every event, signed, to an http(s) URL.",
            discussion: """
                The secret keys the X-Outcry-Signature-256 header. Without --secret a random one is made and
                printed once. It is stored in the database: protect the database file as you would the secret.
                Example: outcry notify add webhook https://example.com/hooks/outcry --group meta --min-level likely
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The http:// or https:// URL to POST to.") var url: String
        @OptionGroup var filter: HookFilterOptions
        @Option(help: "The signing secret (at least 16 characters; default: 32 random bytes, hex).") var secret: String?

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let hook = try engine.addNotificationHook(
                kind: .webhook, target: url, filter: try filter.parsed(), secret: secret)
            let console = Console.current
            console.line("added webhook hook \(hook.id): \(hook.target) (\(hook.filter.summary))")
            if secret == nil, let generated = hook.secret {
                console.line("secret: \(generated)")
                console.line("  shown once, and stored in the database; receivers check X-Outcry-Signature-256 with it")
            }
        }
    }

    struct Exec: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a command for every event, with the event JSON on standard input.",
            discussion:
                "Example: outcry notify add exec 'mail -s \"outcry: $OUTCRY_EVENT\" ops@example.com' --service whatsapp"
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The command, run with /bin/sh -c (quote it as one argument).") var command: String
        @OptionGroup var filter: HookFilterOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let hook = try engine.addNotificationHook(kind: .exec, target: command, filter: try filter.parsed())
            Console.current.line("added exec hook \(hook.id): \(hook.target) (\(hook.filter.summary))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the hooks and how their deliveries stand.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let hooks = try engine.notificationHooks()
            let counts = try hooks.isEmpty ? [:] : engine.deliveryCounts()
            Console.current.table(
                hooks, headers: ["ID", "KIND", "TARGET", "EVENTS", "ADDED", "PENDING", "DELIVERED", "FAILED"],
                rightAligned: [0, 5, 6, 7],
                emptyHint: "no notification hooks; add one with: "
                    + "outcry notify add webhook|slack|teams|discord|googlechat URL"
            ) { hook in
                let count = counts[hook.id] ?? [:]
                return [
                    String(hook.id), hook.kind.rawValue, hook.listedTarget, hook.filter.summary, hook.createdAt.iso8601,
                    String(count[.pending] ?? 0), String(count[.delivered] ?? 0), String(count[.failed] ?? 0),
                ]
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a hook: it gets no new events and its pending deliveries are dropped (its log stays)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The hook id (see outcry notify list).") var id: Int64

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            try engine.removeNotificationHook(id: id)
            Console.current.line("removed notification hook \(id)")
        }
    }
}

/// `--service`, `--group`, `--min-level`: which events a hook receives.
struct HookFilterOptions: ParsableArguments {
    @Option(help: "Only events of this service.", transform: ServiceSlug.argument) var service: ServiceSlug?
    @Option(help: "Only events of services in this group.") var group: String?
    @Option(help: "Only incidents at this level or above: possible or likely.") var minLevel: LevelOption = .possible

    func validate() throws { _ = try parsed() }

    /// The filter, with slugs checked (existence is checked by the engine).
    func parsed() throws -> NotificationFilter {
        var filter = NotificationFilter(minimumLevel: minLevel.level)
        filter.service = service
        if let group {
            try checkGroupOption(group)
            filter.group = group
        }
        return filter
    }
}

/// `--min-level possible|likely`, parsed into our own enum.
enum LevelOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case possible
    case likely

    var level: AlertLevel { self == .likely ? .likely : .possible }
}

extension NotificationHook {
    /// The target as `notify list` shows it: a PagerDuty routing key is shortened, as it is a credential.
    var listedTarget: String {
        switch kind {
        case .pagerduty: String(target.prefix(4)) + "…" + (endpoint.map { " → \($0)" } ?? "")
        case .email: target + (endpoint.map { " via \($0)" } ?? "")
        default: target
        }
    }
}

extension NotificationFilter {
    /// `all services, possible or above`, `service whatsapp, likely or above`.
    var summary: String {
        var parts: [String] = []
        if let service { parts.append("service \(service)") }
        if let group { parts.append("group \(group)") }
        if parts.isEmpty { parts.append("all services") }
        parts.append("\(minimumLevel.rawValue) or above")
        return parts.joined(separator: ", ")
    }
}
