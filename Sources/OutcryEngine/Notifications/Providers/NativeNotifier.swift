import AsyncHTTPClient
import OutcryModel
import OutcryStore

/// Sends a notification to a chat or paging service in that service's own format: the stored event body is
/// turned into ``AlertContent`` (the wording, defined once) and laid out by the provider's renderer, then
/// posted like a webhook (same deadline, no redirects, the provider's error answer quoted in the log).
///
/// None of these providers verifies a signature from the sender (the webhook URL or routing key is the
/// credential), so these requests carry no `X-Outcry-Signature-256`; the generic webhook keeps it.
enum NativeNotifier {
    /// The URL and JSON body of `message` for its provider, or why it cannot be built.
    static func request(for message: OutgoingNotification, publicURL: String?) throws -> (url: String, body: String) {
        let content = try AlertContent(
            payload: message.payload, event: message.event, serviceName: message.serviceName, publicURL: publicURL
        )
        switch message.hookKind {
        case .slack: return (message.target, SlackMessage.body(for: content))
        case .teams: return (message.target, TeamsMessage.body(for: content))
        case .discord: return (message.target, DiscordMessage.body(for: content))
        case .googlechat: return (message.target, GoogleChatMessage.body(for: content))
        case .pagerduty:
            return (
                message.endpoint ?? PagerDutyMessage.defaultEventsURL,
                PagerDutyMessage.body(for: content, routingKey: message.target)
            )
        case .webhook, .exec, .email:
            throw EngineError.invalidArgument("\(message.hookKind.rawValue) is not a chat or paging notifier")
        }
    }

    /// Renders and posts `message`; never throws (every failure is an outcome).
    static func post(_ message: OutgoingNotification, publicURL: String?, client: HTTPClient, timeout: Duration) async
        -> DeliveryOutcome
    {
        let request: (url: String, body: String)
        do {
            request = try Self.request(for: message, publicURL: publicURL)
        } catch {
            return .failed(
                httpStatus: nil,
                error:
                    "cannot build the \(message.hookKind.rawValue) message from the stored event: \(String(describing: error).prefix(200))"
            )
        }
        // Google Chat wants the charset spelled out; the others accept it.
        return await WebhookTransport.post(
            to: request.url, body: request.body,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("User-Agent", "outcry")], client: client,
            timeout: timeout
        )
    }

    /// The content of an email message (the sendmail transport lays it out).
    static func content(of message: OutgoingNotification, publicURL: String?) throws -> AlertContent {
        try AlertContent(
            payload: message.payload, event: message.event, serviceName: message.serviceName, publicURL: publicURL)
    }
}
