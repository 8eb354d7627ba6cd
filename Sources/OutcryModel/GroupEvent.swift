/// Related services failing together: overlapping incidents of services in one group (e.g. Meta's apps).
package struct GroupEvent: Codable, Sendable, Equatable, Identifiable {
    /// `group/onset-minute` of the earliest incident.
    package var id: String
    package var group: String
    package var label: String = Incident.unofficialLabel
    package var status: IncidentStatus
    package var startedAt: Timestamp
    package var endedAt: Timestamp?
    /// The likely epicentre: earliest onset, then largest relative excess.
    package var epicentre: ServiceSlug
    /// The other services, possibly collateral damage of the epicentre's problem.
    package var collateral: [ServiceSlug]
    package var services: [ServiceSlug]
    package var incidentIds: [String]
    package var summary: String

    enum CodingKeys: String, CodingKey {
        case id, group, label, status
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case epicentre, collateral, services
        case incidentIds = "incident_ids"
        case summary
    }

    /// Synthesized encoding would leave `ended_at` out while open; the public JSON says `null`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(group, forKey: .group)
        try container.encode(label, forKey: .label)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(epicentre, forKey: .epicentre)
        try container.encode(collateral, forKey: .collateral)
        try container.encode(services, forKey: .services)
        try container.encode(incidentIds, forKey: .incidentIds)
        try container.encode(summary, forKey: .summary)
    }

    package init(
        id: String, group: String, status: IncidentStatus, startedAt: Timestamp, endedAt: Timestamp?,
        epicentre: ServiceSlug, collateral: [ServiceSlug], services: [ServiceSlug], incidentIds: [String],
        summary: String
    ) {
        self.id = id
        self.group = group
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.epicentre = epicentre
        self.collateral = collateral
        self.services = services
        self.incidentIds = incidentIds
        self.summary = summary
    }
}
