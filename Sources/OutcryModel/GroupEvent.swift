/// Related services failing together: overlapping incidents of services in one group (e.g. Meta's apps).
package struct GroupEvent: Sendable, Equatable, Identifiable {
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
