/// An incident as the provider's status page states it (`incidents[]` in Statuspage v2): the official word,
/// as opposed to Outcry's crowd incidents.
///
/// Decoding is strict about what matching needs (`id`, `name`, `created_at`, and `started_at` /
/// `resolved_at` when present, since they bound the incident's span) and tolerant of everything else (an
/// unusable `updated_at` is nil). The same keys are written when the incident is stored, so a stored body
/// decodes back unchanged. ``StatuspageDecoder`` also checks the strict times against ``OfficialTimeRange``.
package struct OfficialIncident: Codable, Sendable, Equatable, Identifiable {
    /// Statuses after which the page no longer works on the incident (`completed` ends a maintenance).
    package static let finishedStatuses: Set<String> = ["resolved", "postmortem", "completed"]

    package var id: String
    /// The incident's title, e.g. `Messaging delays`.
    package var name: String
    /// `investigating`, `identified`, `monitoring`, `resolved`, `postmortem` (kept as the page spells it).
    package var status: String
    /// Nil when the page gives none or one this version does not know.
    package var impact: OfficialImpact?
    /// When the incident was posted: the moment the page acknowledged the problem.
    package var createdAt: Timestamp
    /// When the provider says the problem began, if it backdated it.
    package var startedAt: Timestamp?
    package var resolvedAt: Timestamp?
    package var updatedAt: Timestamp?
    /// The page's short link to the incident (`https://stspg.io/…`).
    package var shortlink: String?
    /// The incident's page: the shortlink, else the status page's address for it.
    package var url: String?
    /// The components the incident names; empty when it names none (then it is about the whole page).
    package var components: [OfficialComponentReference]
    /// The page's updates, newest first.
    package var updates: [OfficialIncidentUpdate]

    enum CodingKeys: String, CodingKey {
        case id, name, status, impact
        case createdAt = "created_at"
        case startedAt = "started_at"
        case resolvedAt = "resolved_at"
        case updatedAt = "updated_at"
        case shortlink, url, components
        case updates = "incident_updates"
    }

    package init(
        id: String, name: String, status: String, impact: OfficialImpact?, createdAt: Timestamp,
        startedAt: Timestamp? = nil, resolvedAt: Timestamp? = nil, updatedAt: Timestamp? = nil,
        shortlink: String? = nil, url: String? = nil, components: [OfficialComponentReference] = [],
        updates: [OfficialIncidentUpdate] = []
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.impact = impact
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.resolvedAt = resolvedAt
        self.updatedAt = updatedAt
        self.shortlink = shortlink
        self.url = url ?? shortlink
        self.components = components
        self.updates = updates
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        createdAt = try container.decode(Timestamp.self, forKey: .createdAt)
        startedAt = try container.decodeIfPresent(Timestamp.self, forKey: .startedAt)
        resolvedAt = try container.decodeIfPresent(Timestamp.self, forKey: .resolvedAt)
        status = container.lenientString(.status) ?? "unknown"
        impact = container.lenientString(.impact).flatMap(OfficialImpact.init(rawValue:))
        updatedAt = container.lenientTime(.updatedAt)
        shortlink = container.lenientString(.shortlink)
        url = container.lenientString(.url) ?? shortlink
        components = try container.decodeIfPresent([OfficialComponentReference].self, forKey: .components) ?? []
        let created = createdAt
        updates = (try container.decodeIfPresent([OfficialIncidentUpdate].self, forKey: .updates) ?? [])
            .sorted { ($0.createdAt ?? created) > ($1.createdAt ?? created) }
    }

    /// Writes every key (`null` when absent), so stored bodies have one shape.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(impact, forKey: .impact)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(shortlink, forKey: .shortlink)
        try container.encode(url, forKey: .url)
        try container.encode(components, forKey: .components)
        try container.encode(updates, forKey: .updates)
    }

    /// Whether the page says the incident is over.
    package var isFinished: Bool { resolvedAt != nil || Self.finishedStatuses.contains(status) }

    /// Where the incident's span begins: its creation, or the provider's own start time when that is earlier.
    package var spanStart: Timestamp { min(createdAt, startedAt ?? createdAt) }

    /// Where the incident's span ends: its resolution; for an incident marked finished without a resolution
    /// time, its last update; nil while it is still open.
    package var spanEnd: Timestamp? {
        if let resolvedAt { return resolvedAt }
        guard isFinished else { return nil }
        return updates.compactMap(\.createdAt).max() ?? updatedAt ?? createdAt
    }

    /// Whether the incident names the component `component` (by id or, ignoring case, by name), or names
    /// no component at all (then it concerns the whole page).
    package func concerns(component: String) -> Bool {
        if components.isEmpty { return true }
        let wanted = component.lowercased()
        return components.contains { $0.id == component || $0.name?.lowercased() == wanted }
    }

    /// The newest update's text, if any.
    package var latestBody: String? { updates.first(where: { !$0.body.isEmpty })?.body }
}

/// One update the page posted to an incident (`incident_updates[]`).
package struct OfficialIncidentUpdate: Codable, Sendable, Equatable {
    package var status: String?
    package var body: String
    package var createdAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case status, body
        case createdAt = "created_at"
    }

    package init(status: String?, body: String, createdAt: Timestamp?) {
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }

    /// Every field is optional: matching needs none of them.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = container.lenientString(.status)
        body = container.lenientString(.body) ?? ""
        createdAt = container.lenientTime(.createdAt)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(body, forKey: .body)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
