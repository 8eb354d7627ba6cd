/// A scheduled maintenance as the provider's status page states it (`scheduled_maintenances[]` in Statuspage
/// v2 `summary.json` or `scheduled-maintenances.json`): it becomes a ``QuietWindow`` of the linked service.
///
/// Strict about what the window needs (`id`, `name`, `scheduled_for`, `scheduled_until`, all within
/// ``OfficialTimeRange``); tolerant of everything else.
package struct OfficialMaintenance: Decodable, Sendable, Equatable {
    package var id: String
    package var name: String
    /// `scheduled`, `in_progress`, `verifying`, `completed` (kept as the page spells it).
    package var status: String
    package var scheduledFor: Timestamp
    package var scheduledUntil: Timestamp
    /// When the page marked it completed, if it did.
    package var resolvedAt: Timestamp?
    /// The components it names; empty when it names none (the whole page).
    package var components: [OfficialComponentReference]

    enum CodingKeys: String, CodingKey {
        case id, name, status, components
        case scheduledFor = "scheduled_for"
        case scheduledUntil = "scheduled_until"
        case resolvedAt = "resolved_at"
    }

    package init(
        id: String, name: String, status: String = "scheduled", scheduledFor: Timestamp, scheduledUntil: Timestamp,
        resolvedAt: Timestamp? = nil, components: [OfficialComponentReference] = []
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.scheduledFor = scheduledFor
        self.scheduledUntil = scheduledUntil
        self.resolvedAt = resolvedAt
        self.components = components
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        scheduledFor = try container.decode(Timestamp.self, forKey: .scheduledFor)
        scheduledUntil = try container.decode(Timestamp.self, forKey: .scheduledUntil)
        status = container.lenientString(.status) ?? "scheduled"
        resolvedAt = container.lenientTime(.resolvedAt)
        components = container.lenient([OfficialComponentReference].self, .components) ?? []
    }

    /// The quiet span: from `scheduled_for` to `scheduled_until`, or to `resolved_at` when the page completed
    /// it early; nil when that span is empty (the page's mistake).
    package var span: (start: Timestamp, end: Timestamp)? {
        var end = scheduledUntil
        if let resolvedAt, resolvedAt > scheduledFor, resolvedAt < end { end = resolvedAt }
        return end > scheduledFor ? (scheduledFor, end) : nil
    }

    /// Whether it names the component `component` (by id or, ignoring case, by name), or names none.
    package func concerns(component: String) -> Bool {
        if components.isEmpty { return true }
        let wanted = component.lowercased()
        return components.contains { $0.id == component || $0.name?.lowercased() == wanted }
    }
}

extension OfficialMaintenance: OfficialTimedEntry {
    var requiredTimes: [(field: String, time: Timestamp)] {
        var times: [(field: String, time: Timestamp)] = [
            ("scheduled_for", scheduledFor), ("scheduled_until", scheduledUntil),
        ]
        if let resolvedAt { times.append(("resolved_at", resolvedAt)) }
        return times
    }
}
