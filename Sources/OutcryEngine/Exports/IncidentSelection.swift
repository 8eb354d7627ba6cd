package import OutcryModel
import OutcryStore

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
    /// Only the incident with this id (and the group events that include it).
    package var incidentID: String?

    package init(
        since: Timestamp? = nil, until: Timestamp? = nil, service: ServiceSlug? = nil, group: String? = nil,
        region: Region? = nil, activeOnly: Bool = false, incidentID: String? = nil
    ) {
        self.since = since
        self.until = until
        self.service = service
        self.group = group
        self.region = region
        self.activeOnly = activeOnly
        self.incidentID = incidentID
    }
}

extension IncidentSelection {
    /// Whether `incident` is selected, by the rules of the store's query (overlap as ``Incident/overlaps(from:to:)``),
    /// for callers that already hold a superset. `groupMembers` are the services of ``group``.
    package func matches(_ incident: Incident, groupMembers: Set<ServiceSlug>?) -> Bool {
        if activeOnly, incident.status != .open { return false }
        if let service, incident.service != service { return false }
        if let groupMembers, !groupMembers.contains(incident.service) { return false }
        if let region, incident.region != region { return false }
        if let incidentID, incident.id != incidentID { return false }
        return incident.overlaps(from: since, to: until)
    }
}

extension Engine {
    /// The services of the selection's group, nil without a group.
    package func groupMembers(of selection: IncidentSelection) throws(EngineError) -> [ServiceSlug]? {
        guard let group = selection.group else { return nil }
        return try store { try $0.services() }.filter { $0.group == group }.map(\.slug)
    }

    /// The incidents and group events a selection covers, most recent onset first, each with what its
    /// service's official status page said (see ``attachOfficial(to:settings:)``).
    package func selectIncidents(_ selection: IncidentSelection) throws(EngineError) -> (
        incidents: [Incident], groupEvents: [GroupEvent]
    ) {
        let query = IncidentQuery(
            service: selection.service, services: try groupMembers(of: selection), region: selection.region,
            activeOnly: selection.activeOnly, since: selection.since, until: selection.until
        )
        var incidents = try store { try $0.incidents(query) }
        if let id = selection.incidentID { incidents = incidents.filter { $0.id == id } }
        try attachOfficial(to: &incidents)
        return (incidents, try selectGroupEvents(selection))
    }

    /// The group events a selection covers, most recent first.
    package func selectGroupEvents(_ selection: IncidentSelection) throws(EngineError) -> [GroupEvent] {
        var events = try store {
            try $0.groupEvents(since: selection.since, until: selection.until, activeOnly: selection.activeOnly)
        }
        if let group = selection.group { events = events.filter { $0.group == group } }
        if let service = selection.service { events = events.filter { $0.services.contains(service) } }
        if let id = selection.incidentID { events = events.filter { $0.incidentIds.contains(id) } }
        return events
    }
}
