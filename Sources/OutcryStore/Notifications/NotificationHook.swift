package import OutcryModel

/// How a hook delivers an event.
package enum NotificationHookKind: String, Sendable, CaseIterable {
    /// An HTTP POST of the event JSON, signed with the hook's secret.
    case webhook
    /// A shell command run with the event JSON on standard input.
    case exec
    /// A Slack incoming webhook (`text` and Block Kit `blocks`).
    case slack
    /// A Microsoft Teams Workflows webhook (an Adaptive Card in a `message`).
    case teams
    /// A Discord channel webhook (`embeds`).
    case discord
    /// A Google Chat space webhook (`cardsV2`).
    case googlechat
    /// PagerDuty Events API v2: `trigger` when an incident opens, `resolve` when it ends.
    case pagerduty
    /// An email (RFC 5322) handed to the system's sendmail program.
    case email
}

/// Which events a hook receives: all of them, narrowed by service, group and minimum level (all must match).
package struct NotificationFilter: Sendable, Equatable {
    /// Only events of this service.
    package var service: ServiceSlug?
    /// Only events of services in this group (as the service's group stands when the event is recorded).
    package var group: String?
    /// Only events of incidents at this level or above.
    package var minimumLevel: AlertLevel

    package init(service: ServiceSlug? = nil, group: String? = nil, minimumLevel: AlertLevel = .possible) {
        self.service = service
        self.group = group
        self.minimumLevel = minimumLevel
    }

    /// Whether an event of `service` (in `group`) at `level` passes the filter.
    package func matches(service: ServiceSlug, group: String?, level: AlertLevel) -> Bool {
        if let wanted = self.service, wanted != service { return false }
        if let wanted = self.group, wanted != group { return false }
        return level >= minimumLevel
    }
}

/// A hook as `outcry notify add` creates it, before it has an id.
package struct NewNotificationHook: Sendable, Equatable {
    package var kind: NotificationHookKind
    /// The webhook or chat webhook URL, the shell command, the PagerDuty routing key, or the email recipients.
    package var target: String
    package var filter: NotificationFilter
    /// Keys the webhook signature; nil for other kinds.
    package var secret: String?
    /// The PagerDuty Events API URL (nil: the public one) or an email hook's sendmail program.
    package var endpoint: String?
    /// The From address of an email hook.
    package var mailFrom: String?

    package init(
        kind: NotificationHookKind, target: String, filter: NotificationFilter = NotificationFilter(), secret: String?,
        endpoint: String? = nil, mailFrom: String? = nil
    ) {
        self.kind = kind
        self.target = target
        self.filter = filter
        self.secret = secret
        self.endpoint = endpoint
        self.mailFrom = mailFrom
    }
}

/// Where notifications go: a webhook, a command, a chat or paging service, or email, with the filter choosing
/// its events.
package struct NotificationHook: Sendable, Equatable, Identifiable {
    package var id: Int64
    package var kind: NotificationHookKind
    /// The webhook or chat webhook URL, the shell command, the PagerDuty routing key, or the email recipients
    /// (comma-separated); stored in clear.
    package var target: String
    package var filter: NotificationFilter
    /// Keys the webhook signature (stored in clear in the database); nil for other kinds.
    package var secret: String?
    /// The PagerDuty Events API URL (nil: the public one) or an email hook's sendmail program.
    package var endpoint: String?
    /// The From address of an email hook.
    package var mailFrom: String?
    package var createdAt: Timestamp
    /// When `outcry notify remove` removed it; removed hooks get no new deliveries.
    package var removedAt: Timestamp?

    package init(
        id: Int64, kind: NotificationHookKind, target: String, filter: NotificationFilter, secret: String?,
        endpoint: String? = nil, mailFrom: String? = nil, createdAt: Timestamp, removedAt: Timestamp? = nil
    ) {
        self.id = id
        self.kind = kind
        self.target = target
        self.filter = filter
        self.secret = secret
        self.endpoint = endpoint
        self.mailFrom = mailFrom
        self.createdAt = createdAt
        self.removedAt = removedAt
    }
}
