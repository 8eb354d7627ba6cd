package import OutcryModel

/// How a hook delivers an event.
package enum NotificationHookKind: String, Sendable, CaseIterable {
    /// An HTTP POST of the event JSON, signed with the hook's secret.
    case webhook
    /// A shell command run with the event JSON on standard input.
    case exec
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
    /// The webhook URL, or the shell command.
    package var target: String
    package var filter: NotificationFilter
    /// Keys the webhook signature; nil for exec hooks.
    package var secret: String?

    package init(kind: NotificationHookKind, target: String, filter: NotificationFilter = NotificationFilter(), secret: String?) {
        self.kind = kind
        self.target = target
        self.filter = filter
        self.secret = secret
    }
}

/// Where notifications go: a webhook or a command, with the filter choosing its events.
package struct NotificationHook: Sendable, Equatable, Identifiable {
    package var id: Int64
    package var kind: NotificationHookKind
    /// The webhook URL, or the shell command.
    package var target: String
    package var filter: NotificationFilter
    /// Keys the webhook signature (stored in clear in the database); nil for exec hooks.
    package var secret: String?
    package var createdAt: Timestamp
    /// When `outcry notify remove` removed it; removed hooks get no new deliveries.
    package var removedAt: Timestamp?

    package init(
        id: Int64, kind: NotificationHookKind, target: String, filter: NotificationFilter, secret: String?,
        createdAt: Timestamp, removedAt: Timestamp? = nil
    ) {
        self.id = id
        self.kind = kind
        self.target = target
        self.filter = filter
        self.secret = secret
        self.createdAt = createdAt
        self.removedAt = removedAt
    }
}
