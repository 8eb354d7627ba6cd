package import OutcryModel
import OutcryStore

/// One page of the incident list (`GET /v1/incidents?limit=&cursor=`).
package struct IncidentPage: Sendable {
    /// At most `limit` incidents, most recent onset first (then by id), each with its official status.
    package var incidents: [Incident]
    /// Where the next page starts; nil on the last page.
    package var nextCursor: IncidentCursor?
}

extension Engine {
    /// The `limit` incidents of `selection` after `cursor` in the list's order (`started_at DESC, id`). The store
    /// reads them in order on the onset index and stops after `limit + 1`, so a page never reads the whole table.
    package func incidentPage(
        _ selection: IncidentSelection, limit: Int, after cursor: IncidentCursor?
    ) throws(EngineError) -> IncidentPage {
        let size = min(max(limit, 1), 100_000)
        let query = IncidentQuery(
            service: selection.service, services: try groupMembers(of: selection), region: selection.region,
            activeOnly: selection.activeOnly, since: selection.since, until: selection.until, after: cursor,
            limit: size + 1
        )
        var incidents = try store { try $0.incidents(query) }
        var next: IncidentCursor?
        if incidents.count > size {
            incidents.removeLast(incidents.count - size)
            next = incidents.last.map { IncidentCursor(startedAt: $0.startedAt, id: $0.id) }
        }
        try attachOfficial(to: &incidents)
        return IncidentPage(incidents: incidents, nextCursor: next)
    }
}
