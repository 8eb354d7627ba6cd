import OutcryModel

/// A PagerDuty Events API v2 event: `trigger` when an incident opens (and, with the same `dedup_key`, when
/// its level rises or its official status page acknowledges it, which PagerDuty adds to the open alert),
/// `resolve` when it ends. `dedup_key` is the incident id, so one crowd incident is one PagerDuty alert.
///
/// Trigger: `routing_key`, `event_action`, `dedup_key`, `payload` (`summary` = the incident's unofficial
/// sentence ≤ 1,024 characters, `source`, `severity` from the level: likely → `error`, possible →
/// `warning`, a test → `info`; `timestamp`, `component`, `class`, `custom_details`), `client`, `client_url`
/// and `links` to the dashboard. Resolve: only `routing_key`, `dedup_key` and `event_action`, as documented.
///
/// PagerDuty does not sign Events API requests: the routing key is the credential.
package enum PagerDutyMessage {
    /// Where events go unless the hook says otherwise (tests point it at a loopback receiver).
    package static let defaultEventsURL = "https://events.pagerduty.com/v2/enqueue"
    static let maximumSummaryLength = 1_024
    static let maximumKeyLength = 255

    /// `trigger` or `resolve`.
    package static func action(for content: AlertContent) -> String {
        content.event == "resolved" || content.incident.status == .resolved ? "resolve" : "trigger"
    }

    /// `error`, `warning` or `info`.
    package static func severity(for content: AlertContent) -> String {
        if content.isTest { return "info" }
        return content.incident.level == .likely ? "error" : "warning"
    }

    /// The JSON body for `content`, sent with `routingKey`.
    package static func body(for content: AlertContent, routingKey: String) -> String {
        let action = action(for: content)
        let dedupKey = TextLimit.truncated(content.incident.id, to: maximumKeyLength)
        var event: [(String, JSONValue)] = [
            ("routing_key", .string(routingKey)),
            ("event_action", .string(action)),
            ("dedup_key", .string(dedupKey)),
        ]
        guard action == "trigger" else { return JSONValue.object(event).text() }
        event.append(
            (
                "payload",
                .object([
                    ("summary", .string(TextLimit.truncated(content.summary, to: maximumSummaryLength))),
                    (
                        "source",
                        .string(
                            TextLimit.truncated(
                                "\(content.serviceName) (unofficial: user reports via Outcry)", to: maximumKeyLength))
                    ),
                    ("severity", .string(severity(for: content))),
                    ("timestamp", .string(content.incident.detectedAt.iso8601)),
                    ("component", .string(content.incident.service.rawValue)),
                    (
                        "class",
                        .string(
                            content.isTest ? "test notification (unofficial)" : "crowd-reported outage (unofficial)")
                    ),
                    (
                        "custom_details",
                        .object(
                            [
                                ("label", .string("unofficial")),
                                ("title", .string(TextLimit.truncated(content.title, to: 1_024))),
                            ]
                                + content.facts.map { ($0.name, .string(TextLimit.truncated($0.value, to: 1_024))) }
                        )
                    ),
                ])
            )
        )
        event.append(("client", .string("Outcry (unofficial)")))
        if let page = content.incidentPageURL {
            event.append(("client_url", .string(page)))
            var links: [JSONValue] = [
                .object([("href", .string(page)), ("text", .string("Outcry dashboard (unofficial)"))])
            ]
            if let json = content.incidentJSONURL {
                links.append(.object([("href", .string(json)), ("text", .string("Incident JSON"))]))
            }
            event.append(("links", .array(links)))
        }
        return JSONValue.object(event).text()
    }
}
