package import OutcryModel

/// The state changes that are announced.
package enum NotificationEventKind: String, Sendable, CaseIterable, Codable {
    /// Detection opened a crowd incident.
    case opened
    /// An open incident reached a higher level.
    case levelRaised = "level_raised"
    /// A regional incident became its service's global incident (the outage spread, or was wider than the
    /// region where it was seen first).
    case widened
    /// The incident ended.
    case resolved
    /// The service's official status page acknowledged the problem.
    case acknowledged
}

/// A state change to put in the outbox; it gets an id (and its payload) when stored.
package struct NotificationEventDraft: Sendable, Equatable {
    /// Unique per change (e.g. `opened:<incident id>`): recording the same change twice stores it once.
    package var key: String
    package var kind: NotificationEventKind
    package var incidentID: String
    package var service: ServiceSlug
    /// The incident's level (the highest reached) when the change was recorded.
    package var level: AlertLevel
    package var occurredAt: Timestamp

    package init(
        key: String, kind: NotificationEventKind, incidentID: String, service: ServiceSlug, level: AlertLevel,
        occurredAt: Timestamp
    ) {
        self.key = key
        self.kind = kind
        self.incidentID = incidentID
        self.service = service
        self.level = level
        self.occurredAt = occurredAt
    }
}

/// An event as stored in the outbox, with the exact JSON every delivery of it sends.
package struct NotificationEvent: Sendable, Equatable, Identifiable {
    package var id: Int64
    package var key: String
    package var kind: NotificationEventKind
    package var incidentID: String
    package var service: ServiceSlug
    package var level: AlertLevel
    package var occurredAt: Timestamp
    /// When it was put in the outbox.
    package var createdAt: Timestamp
    /// The JSON body: the incident object plus `event`, `event_id` and `occurred_at`.
    package var payload: String
    /// Deliveries created for it (one per matching hook at the time).
    package var deliveries: Int

    package init(
        id: Int64, key: String, kind: NotificationEventKind, incidentID: String, service: ServiceSlug,
        level: AlertLevel, occurredAt: Timestamp, createdAt: Timestamp, payload: String, deliveries: Int
    ) {
        self.id = id
        self.key = key
        self.kind = kind
        self.incidentID = incidentID
        self.service = service
        self.level = level
        self.occurredAt = occurredAt
        self.createdAt = createdAt
        self.payload = payload
        self.deliveries = deliveries
    }
}

/// An incident's status and level as stored before a detection run saves its new state.
package struct StoredIncidentState: Sendable, Equatable {
    package var status: IncidentStatus
    package var level: AlertLevel
    /// Where the incident was, as stored: a regional incident that widened is `Region.global` now.
    package var region: Region

    package init(status: IncidentStatus, level: AlertLevel, region: Region = .global) {
        self.status = status
        self.level = level
        self.region = region
    }
}
