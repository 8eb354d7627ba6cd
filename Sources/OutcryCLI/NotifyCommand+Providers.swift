import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

/// `outcry notify add slack|teams|discord|googlechat|pagerduty|email`: native notifiers, each sending the
/// provider's own format (worded once in the engine's `AlertContent`) through the same outbox as webhooks.
extension NotifyCommand {
    /// `notify add slack URL`.
    enum Slack: ChatHookProvider {
        static let kind = NotificationHookKind.slack
        static let abstract = "Post every event to a Slack incoming webhook (text and Block Kit blocks)."
        static let discussion = """
            Create the webhook in Slack (an app with Incoming Webhooks, one channel) and pass its URL. Slack
            does not verify senders: the URL is the secret, and it is stored in the database.
            Example: outcry notify add slack https://hooks.slack.com/services/T000/B000/XXXX --min-level likely
            """
        static let urlHelp = "The incoming webhook URL."
    }

    /// `notify add teams URL`.
    enum Teams: ChatHookProvider {
        static let kind = NotificationHookKind.teams
        static let abstract = "Post every event to a Microsoft Teams Workflows webhook (an Adaptive Card)."
        static let discussion = """
            In Teams, add the Workflows template "Post to a channel when a webhook request is received" and
            pass the URL it shows. The URL is the secret, and it is stored in the database.
            """
        static let urlHelp = "The Workflows webhook URL."
    }

    /// `notify add discord URL`.
    enum Discord: ChatHookProvider {
        static let kind = NotificationHookKind.discord
        static let abstract = "Post every event to a Discord channel webhook (an embed)."
        static let discussion =
            "Channel settings → Integrations → Webhooks. The URL is the secret, and it is stored in the database."
        static let urlHelp = "The channel webhook URL."
    }

    /// `notify add googlechat URL`.
    enum GoogleChat: ChatHookProvider {
        static let kind = NotificationHookKind.googlechat
        static let abstract = "Post every event to a Google Chat space webhook (a cardsV2 card)."
        static let discussion =
            "Space → Apps & integrations → Webhooks. The URL is the secret, and it is stored in the database."
        static let urlHelp = "The space webhook URL."
    }

    struct PagerDuty: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pagerduty",
            abstract: "Send Events API v2 events to PagerDuty: trigger when an incident opens, resolve when it ends.",
            discussion: """
                The dedup key is the incident id, so one crowd incident is one alert; level changes and official
                acknowledgements update it. Severity: likely → error, possible → warning. The routing key (an
                Events API v2 integration key) is stored in the database in clear.
                Example: outcry notify add pagerduty 0123456789abcdef0123456789abcdef --min-level likely
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The 32-character integration (routing) key.") var routingKey: String
        @Option(help: "The Events API URL (default: https://events.pagerduty.com/v2/enqueue).") var eventsURL: String?
        @OptionGroup var filter: HookFilterOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let hook = try engine.addNotificationHook(
                kind: .pagerduty, target: routingKey, filter: try filter.parsed(), endpoint: eventsURL
            )
            Console.current.line(
                "added pagerduty hook \(hook.id): events to \(hook.endpoint ?? PagerDutyMessage.defaultEventsURL) (\(hook.filter.summary))"
            )
        }
    }

    struct Email: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Email every event through the system's sendmail program (msmtp, Postfix, Exim).",
            discussion: """
                The message is plain UTF-8 text, run as SENDMAIL -i -- RECIPIENT… with the message on standard
                input; no SMTP is spoken by Outcry. Recipients are stored in the database.
                Example: outcry notify add email ops@example.com oncall@example.com --sendmail /usr/bin/msmtp
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The recipient addresses (plain addresses, separated by spaces or commas).") var recipients:
            [String]
        @Option(help: "The sendmail program (default: /usr/sbin/sendmail).") var sendmail: String?
        @Option(help: "The From address (default: outcry@<this host>).") var from: String?
        @OptionGroup var filter: HookFilterOptions

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let hook = try engine.addNotificationHook(
                kind: .email, target: recipients.joined(separator: ","), filter: try filter.parsed(),
                endpoint: sendmail,
                mailFrom: from
            )
            Console.current.line(
                "added email hook \(hook.id): \(hook.target) from \(hook.mailFrom ?? "") via \(hook.endpoint ?? "") (\(hook.filter.summary))"
            )
        }
    }
}

/// A chat service whose hook is only a webhook URL: Slack, Teams, Discord, Google Chat.
protocol ChatHookProvider {
    static var kind: NotificationHookKind { get }
    static var abstract: String { get }
    static var discussion: String { get }
    /// The help of the URL argument.
    static var urlHelp: String { get }
}

/// `outcry notify add <provider> URL`: adds the provider's hook and says so; one command for every chat provider.
struct ChatHookCommand<Provider: ChatHookProvider>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Provider.kind.rawValue, abstract: Provider.abstract, discussion: Provider.discussion)
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Provider.urlHelp)) var url: String
    @OptionGroup var filter: HookFilterOptions

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        let hook = try engine.addNotificationHook(kind: Provider.kind, target: url, filter: try filter.parsed())
        Console.current.line("added \(Provider.kind.rawValue) hook \(hook.id): \(hook.target) (\(hook.filter.summary))")
    }
}

/// `--public-url`: the daemon's public base URL, for the links in native notifiers' messages.
struct PublicURLOption: ParsableArguments {
    @Option(
        help:
            "The daemon's public base URL, linked in Slack, Teams, Discord, Google Chat, PagerDuty and email messages.")
    var publicURL: String?

    func validate() throws {
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError(
                "--public-url must start with http:// or https://, such as https://outcry.example.org")
        }
    }
}
