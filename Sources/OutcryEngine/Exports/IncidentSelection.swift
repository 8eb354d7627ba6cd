package import OutcryModel
package import OutcryStore

/// Which incidents an export or listing covers: the same rules for every format.
package struct IncidentSelection: Sendable {
    /// Incidents overlapping `[since, until]` (an open incident extends to now).
    package var since: Timestamp?
    package var until: Timestamp?
    package var service: ServiceSlug?
    /// Services of this group (e.g. `meta`).
    package var group: String?
    /// Incidents of this region (`global` for whole-service incidents).
    package var region: Region?
    /// Only open incidents.
    package var activeOnly = false

    package init(
        since: Timestamp? = nil, until: Timestamp? = nil, service: ServiceSlug? = nil, group: String? = nil,
        region: Region? = nil, activeOnly: Bool = false
    ) {
        self.since = since
        self.until = until
        self.service = service
        self.group = group
        self.region = region
        self.activeOnly = activeOnly
    }
}

extension Engine {
    /// The incidents and group events a selection covers, most recent onset first.
    package func selectIncidents(_ selection: IncidentSelection) throws(EngineError) -> (incidents: [Incident], groupEvents: [GroupEvent]) {
        let services = try store { try $0.services() }
        var groupMembers: [ServiceSlug]? = nil
        if let group = selection.group {
            groupMembers = services.filter { $0.group == group }.map(\.slug)
        }
        let query = IncidentQuery(
            service: selection.service, services: groupMembers, region: selection.region,
            activeOnly: selection.activeOnly, since: selection.since, until: selection.until
        )
        let incidents = try store { try $0.incidents(query) }
        var events = try store { try $0.groupEvents(since: selection.since, until: selection.until, activeOnly: selection.activeOnly) }
        if let group = selection.group { events = events.filter { $0.group == group } }
        if let service = selection.service { events = events.filter { $0.services.contains(service) } }
        return (incidents, events)
    }
}
