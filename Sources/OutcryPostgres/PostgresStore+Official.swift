import Foundation
package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: OfficialStorage {
    package func saveOfficialSource(_ source: OfficialSource) throws(StoreError) -> OfficialSourceChange {
        guard try service(source.service) != nil else { throw .unknownService(source.service.rawValue) }
        let existing = try officialSource(service: source.service)
        if let existing, existing.kind == source.kind, existing.location == source.location,
            existing.component == source.component
        {
            return .unchanged
        }
        try StoreError.postgresCatching("official source") {
            try inTransaction {
                if let existing, existing.kind == source.kind, existing.location == source.location {
                    try session.execute(
                        """
                        UPDATE official_source SET component = \(source.component)
                        WHERE service = \(source.service.rawValue)
                        """, "changing the official component")
                    return
                }
                if existing != nil { _ = try deleteOfficialRows(of: source.service) }
                try session.execute(
                    """
                    INSERT INTO official_source (service, kind, location, component, added_at, last_attempt_at,
                        last_success_at, last_error, consecutive_failures, next_attempt_at)
                    VALUES (\(source.service.rawValue), \(source.kind.rawValue), \(source.location), \(source.component),
                        \(source.addedAt.seconds), \(source.lastAttemptAt?.seconds), \(source.lastSuccessAt?.seconds),
                        \(source.lastError), \(Int64(source.consecutiveFailures)), \(source.nextAttemptAt?.seconds))
                    """, "linking the official source")
            }
        }
        return existing == nil ? .added : .replaced
    }

    package func removeOfficialSource(service: ServiceSlug) throws(StoreError) -> Bool {
        try StoreError.postgresCatching("official source") {
            try inTransaction { try deleteOfficialRows(of: service) > 0 }
        }
    }

    package func officialSources() throws(StoreError) -> [OfficialSource] {
        try readOfficialSources(service: nil)
    }

    package func officialSource(service: ServiceSlug) throws(StoreError) -> OfficialSource? {
        try readOfficialSources(service: service).first
    }

    package func recordOfficialSnapshot(
        _ snapshot: OfficialSnapshot, service: ServiceSlug, at now: Timestamp, nextAttemptAt: Timestamp
    ) throws(StoreError) -> OfficialSnapshotRecord? {
        try StoreError.postgresCatching("official incident") {
            try inTransaction { () throws -> OfficialSnapshotRecord? in
                let marked = try session.execute(
                    """
                    UPDATE official_source SET last_attempt_at = \(now.seconds), last_success_at = \(now.seconds),
                        last_error = NULL, consecutive_failures = 0, next_attempt_at = \(nextAttemptAt.seconds)
                    WHERE service = \(service.rawValue)
                    """, "recording a status page read")
                guard marked > 0 else { return nil }
                var known = Set<String>()
                for row in try session.query(
                    "SELECT id FROM official_incident WHERE service = \(service.rawValue)", "reading incident ids")
                {
                    known.insert(try row.columns(String.self, "official incident id"))
                }
                for incident in snapshot.incidents { try upsertOfficialIncident(incident, service: service) }
                let changes = try appendComponentChanges(snapshot.components ?? [], service: service, at: now)
                return OfficialSnapshotRecord(
                    incidents: snapshot.incidents.count,
                    newIncidents: snapshot.incidents.filter { !known.contains($0.id) }.count,
                    components: snapshot.components?.count ?? 0, componentChanges: changes)
            }
        }
    }

    package func recordOfficialFailure(
        service: ServiceSlug, error message: String, at now: Timestamp, nextAttemptAt: Timestamp
    )
        throws(StoreError) -> Bool
    {
        try session.execute(
            """
            UPDATE official_source SET last_attempt_at = \(now.seconds), last_error = \(message),
                consecutive_failures = consecutive_failures + 1, next_attempt_at = \(nextAttemptAt.seconds)
            WHERE service = \(service.rawValue)
            """, "recording a failed status page read") > 0
    }

    package func officialIncidents(service: ServiceSlug, from: Timestamp?, to: Timestamp?) throws(StoreError)
        -> [OfficialIncident]
    {
        let rows = try session.query(
            """
            SELECT body FROM official_incident
            WHERE service = \(service.rawValue)
              AND (\(to?.seconds)::bigint IS NULL OR LEAST(created_at, COALESCE(started_at, created_at)) <= \(to?.seconds))
              AND (\(from?.seconds)::bigint IS NULL OR ended_at IS NULL OR ended_at >= \(from?.seconds))
            ORDER BY created_at, id COLLATE "C"
            """, "reading official incidents")
        let decoder = JSONDecoder()
        return try StoreError.postgresCatching("official incident") {
            try rows.map { row in
                try decoder.decode(OfficialIncident.self, from: Data(try row.columns(String.self, "body").utf8))
            }
        }
    }

    package func officialComponentStates(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState] {
        try readComponentStates(
            """
            SELECT component_id, name, status, updated_at, observed_at FROM official_component_state AS state
            WHERE service = \(service.rawValue) AND id = (SELECT MAX(id) FROM official_component_state
                WHERE service = state.service AND component_id = state.component_id)
            ORDER BY name COLLATE "C", component_id COLLATE "C"
            """)
    }

    package func officialComponentHistory(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState] {
        try readComponentStates(
            """
            SELECT component_id, name, status, updated_at, observed_at FROM official_component_state
            WHERE service = \(service.rawValue) ORDER BY id
            """)
    }

    /// Deletes the source and everything read from it; returns how many source rows went (0 or 1).
    private func deleteOfficialRows(of service: ServiceSlug) throws(StoreError) -> Int {
        try session.execute("DELETE FROM official_incident WHERE service = \(service.rawValue)", "unlinking")
        try session.execute("DELETE FROM official_component_state WHERE service = \(service.rawValue)", "unlinking")
        return try session.execute("DELETE FROM official_source WHERE service = \(service.rawValue)", "unlinking")
    }

    private func upsertOfficialIncident(_ incident: OfficialIncident, service: ServiceSlug) throws {
        let encoder = OutcryDatabase.jsonEncoder
        let components = String(decoding: try encoder.encode(incident.components), as: UTF8.self)
        let body = String(decoding: try encoder.encode(incident), as: UTF8.self)
        try session.execute(
            """
            INSERT INTO official_incident (service, id, name, status, impact, created_at, started_at, resolved_at,
                updated_at, ended_at, url, components, body)
            VALUES (\(service.rawValue), \(incident.id), \(incident.name), \(incident.status),
                \(incident.impact?.rawValue), \(incident.createdAt.seconds), \(incident.startedAt?.seconds),
                \(incident.resolvedAt?.seconds), \(incident.updatedAt?.seconds), \(incident.spanEnd?.seconds),
                \(incident.url), \(components), \(body))
            ON CONFLICT (service, id) DO UPDATE SET name = excluded.name, status = excluded.status,
                impact = excluded.impact, created_at = excluded.created_at, started_at = excluded.started_at,
                resolved_at = excluded.resolved_at, updated_at = excluded.updated_at, ended_at = excluded.ended_at,
                url = excluded.url, components = excluded.components, body = excluded.body
            WHERE excluded.updated_at IS NULL OR official_incident.updated_at IS NULL
                OR excluded.updated_at >= official_incident.updated_at
            """, "saving official incident \(incident.id)")
    }

    private func appendComponentChanges(_ components: [OfficialComponent], service: ServiceSlug, at now: Timestamp)
        throws(StoreError) -> Int
    {
        var appended = 0
        for component in components {
            let previous = try session.query(
                """
                SELECT status FROM official_component_state
                WHERE service = \(service.rawValue) AND component_id = \(component.id) ORDER BY id DESC LIMIT 1
                """, "reading a component's state"
            ).first.map { row throws(StoreError) in try row.columns(String.self, "component status") }
            if previous == component.status.rawValue { continue }
            try session.execute(
                """
                INSERT INTO official_component_state (service, component_id, name, status, updated_at, observed_at)
                VALUES (\(service.rawValue), \(component.id), \(component.name), \(component.status.rawValue),
                    \(component.updatedAt?.seconds), \(now.seconds))
                """, "recording a component's state")
            appended += 1
        }
        return appended
    }

    private func readOfficialSources(service: ServiceSlug?) throws(StoreError) -> [OfficialSource] {
        try session.query(
            """
            SELECT service, kind, location, component, added_at, last_attempt_at, last_success_at, last_error,
                consecutive_failures, next_attempt_at
            FROM official_source WHERE \(service?.rawValue)::text IS NULL OR service = \(service?.rawValue)
            ORDER BY service COLLATE "C"
            """, "reading official sources"
        ).map { row throws(StoreError) in
            let (slug, kind, location, component, addedAt, attemptAt, successAt, error, failures, nextAt) =
                try row.columns(
                    (String, String, String, String?, Int64, Int64?, Int64?, String?, Int64, Int64?).self,
                    "official source")
            guard let parsed = ServiceSlug(rawValue: slug) else {
                throw .invalidStoredValue("official source service")
            }
            guard let parsedKind = OfficialSourceKind(rawValue: kind) else {
                throw .invalidStoredValue("official source kind of \(slug)")
            }
            return OfficialSource(
                service: parsed, kind: parsedKind, location: location, component: component,
                addedAt: Timestamp(seconds: addedAt), lastAttemptAt: attemptAt.map { Timestamp(seconds: $0) },
                lastSuccessAt: successAt.map { Timestamp(seconds: $0) }, lastError: error,
                consecutiveFailures: Int(failures), nextAttemptAt: nextAt.map { Timestamp(seconds: $0) })
        }
    }

    private func readComponentStates(_ query: PostgresQuery) throws(StoreError) -> [OfficialComponentState] {
        try session.query(query, "reading component states").map { row throws(StoreError) in
            let (id, name, status, updatedAt, observedAt) = try row.columns(
                (String, String, String, Int64?, Int64).self, "component state")
            guard let parsed = OfficialComponentStatus(rawValue: status) else {
                throw .invalidStoredValue("official component status \(quoted(status))")
            }
            return OfficialComponentState(
                componentID: id, name: name, status: parsed, updatedAt: updatedAt.map { Timestamp(seconds: $0) },
                observedAt: Timestamp(seconds: observedAt))
        }
    }
}
