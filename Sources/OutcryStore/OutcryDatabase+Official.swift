import Foundation
package import OutcryModel

/// What ``OutcryDatabase/saveOfficialSource(_:)`` did.
package enum OfficialSourceChange: Sendable, Equatable {
    case added
    /// The service had a source with another location or component; it was replaced.
    case replaced
    /// The service already had this source.
    case unchanged
}

/// What one successful read of a status page changed in the store.
package struct OfficialSnapshotRecord: Sendable, Equatable {
    /// Official incidents in the snapshot (each inserted or updated).
    package var incidents: Int
    /// Of those, the ones not stored before.
    package var newIncidents: Int
    /// Components in the snapshot (0 when it listed none).
    package var components: Int
    /// Component states appended because a status changed (or a component was seen for the first time).
    package var componentChanges: Int

    package init(incidents: Int, newIncidents: Int, components: Int, componentChanges: Int) {
        self.incidents = incidents
        self.newIncidents = newIncidents
        self.components = components
        self.componentChanges = componentChanges
    }
}

extension OutcryDatabase {
    // MARK: - Sources

    /// Links a service to an official source, or replaces its link.
    ///
    /// Replacing the location (another page) forgets the incidents and component states read from the old
    /// one and the old read history; changing only the component keeps them (the page is the same).
    /// - Throws: ``StoreError/unknownService(_:)`` when the service is not monitored.
    package func saveOfficialSource(_ source: OfficialSource) throws(StoreError) -> OfficialSourceChange {
        guard try service(source.service) != nil else { throw .unknownService(source.service.rawValue) }
        let existing = try officialSource(service: source.service)
        if let existing, existing.kind == source.kind, existing.location == source.location,
            existing.component == source.component
        {
            return .unchanged
        }
        do {
            try connection.inTransaction {
                if let existing, existing.kind == source.kind, existing.location == source.location {
                    let update = try connection.cachedStatement(
                        "UPDATE official_source SET component = ? WHERE service = ?")
                    try update.bind(source.component, at: 1)
                    try update.bind(source.service.rawValue, at: 2)
                    try update.run()
                    return
                }
                if existing != nil { try deleteOfficialRows(of: source.service) }
                let insert = try connection.cachedStatement(
                    """
                    INSERT INTO official_source (service, kind, location, component, added_at, last_attempt_at,
                        last_success_at, last_error, consecutive_failures, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
                )
                try insert.bind(source.service.rawValue, at: 1)
                try insert.bind(source.kind.rawValue, at: 2)
                try insert.bind(source.location, at: 3)
                try insert.bind(source.component, at: 4)
                try insert.bind(source.addedAt.seconds, at: 5)
                try insert.bind(source.lastAttemptAt?.seconds, at: 6)
                try insert.bind(source.lastSuccessAt?.seconds, at: 7)
                try insert.bind(source.lastError, at: 8)
                try insert.bind(source.consecutiveFailures, at: 9)
                try insert.bind(source.nextAttemptAt?.seconds, at: 10)
                try insert.run()
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("official source: \(error)")
        }
        return existing == nil ? .added : .replaced
    }

    /// Unlinks a service from its official source and forgets what was read from it. Returns false when the
    /// service had no source.
    @discardableResult
    package func removeOfficialSource(service: ServiceSlug) throws(StoreError) -> Bool {
        do {
            return try connection.inTransaction {
                try deleteOfficialRows(of: service)
                return connection.changes > 0
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("official source: \(error)")
        }
    }

    /// Every official source, by service.
    package func officialSources() throws(StoreError) -> [OfficialSource] {
        try readOfficialSources(service: nil)
    }

    /// The official source of `service`, or nil.
    package func officialSource(service: ServiceSlug) throws(StoreError) -> OfficialSource? {
        try readOfficialSources(service: service).first
    }

    // MARK: - Recording reads

    /// Stores a successful read in one transaction: upserts its incidents (never deleting one the read no
    /// longer lists, and never replacing a stored version with an older one), appends the components whose
    /// status changed, and marks the source as read. Returns nil when the service has no source.
    package func recordOfficialSnapshot(
        _ snapshot: OfficialSnapshot, service: ServiceSlug, at now: Timestamp, nextAttemptAt: Timestamp
    ) throws(StoreError) -> OfficialSnapshotRecord? {
        let encoder = Self.jsonEncoder
        do {
            return try connection.inTransaction { () throws -> OfficialSnapshotRecord? in
                let mark = try connection.cachedStatement(
                    """
                    UPDATE official_source SET last_attempt_at = ?1, last_success_at = ?1, last_error = NULL,
                        consecutive_failures = 0, next_attempt_at = ?2
                    WHERE service = ?3
                    """
                )
                try mark.bind(now.seconds, at: 1)
                try mark.bind(nextAttemptAt.seconds, at: 2)
                try mark.bind(service.rawValue, at: 3)
                try mark.run()
                guard connection.changes > 0 else { return nil }
                let known = try storedOfficialIncidentIDs(of: service)
                try upsertOfficialIncidents(snapshot.incidents, service: service, encoder: encoder)
                let changes = try appendComponentChanges(snapshot.components ?? [], service: service, at: now)
                return OfficialSnapshotRecord(
                    incidents: snapshot.incidents.count,
                    newIncidents: snapshot.incidents.filter { !known.contains($0.id) }.count,
                    components: snapshot.components?.count ?? 0, componentChanges: changes
                )
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("official incident: \(error)")
        }
    }

    /// Records a failed read: the error, one more consecutive failure, and when to try again. What earlier
    /// reads stored is kept. Returns false when the service has no source.
    @discardableResult
    package func recordOfficialFailure(
        service: ServiceSlug, error message: String, at now: Timestamp, nextAttemptAt: Timestamp
    ) throws(StoreError) -> Bool {
        do {
            let statement = try connection.cachedStatement(
                """
                UPDATE official_source SET last_attempt_at = ?, last_error = ?,
                    consecutive_failures = consecutive_failures + 1, next_attempt_at = ?
                WHERE service = ?
                """
            )
            try statement.bind(now.seconds, at: 1)
            try statement.bind(message, at: 2)
            try statement.bind(nextAttemptAt.seconds, at: 3)
            try statement.bind(service.rawValue, at: 4)
            try statement.run()
            return connection.changes > 0
        } catch {
            throw .sqlite(error)
        }
    }

    // MARK: - Reading what was stored

    /// The stored official incidents of `service` whose span (``OfficialIncident/spanStart`` to
    /// ``OfficialIncident/spanEnd``, open ones extending to now) overlaps `[from, to]`; oldest first.
    package func officialIncidents(
        service: ServiceSlug, from: Timestamp? = nil, to: Timestamp? = nil
    ) throws(StoreError)
        -> [OfficialIncident]
    {
        var conditions = ["service = ?1"]
        if to != nil { conditions.append("MIN(created_at, COALESCE(started_at, created_at)) <= ?2") }
        if from != nil { conditions.append("(ended_at IS NULL OR ended_at >= ?3)") }
        let sql =
            "SELECT body FROM official_incident WHERE " + conditions.joined(separator: " AND ")
            + " ORDER BY created_at, id"
        do {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(service.rawValue, at: 1)
            if let to { try statement.bind(to.seconds, at: 2) }
            if let from { try statement.bind(from.seconds, at: 3) }
            let decoder = JSONDecoder()
            var result: [OfficialIncident] = []
            while try statement.step() {
                guard let body = statement.blob(at: 0) else { continue }
                result.append(try decoder.decode(OfficialIncident.self, from: Data(body)))
            }
            return result
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("official incident: \(error)")
        }
    }

    /// The latest stored state of each component of `service`'s page, by name.
    package func officialComponentStates(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState] {
        try readComponentStates(
            """
            SELECT component_id, name, status, updated_at, observed_at FROM official_component_state AS state
            WHERE service = ? AND id = (SELECT MAX(id) FROM official_component_state
                WHERE service = state.service AND component_id = state.component_id)
            ORDER BY name, component_id
            """,
            service: service
        )
    }

    /// Every stored state change of `service`'s components, oldest first.
    package func officialComponentHistory(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState] {
        try readComponentStates(
            """
            SELECT component_id, name, status, updated_at, observed_at FROM official_component_state
            WHERE service = ? ORDER BY id
            """,
            service: service
        )
    }

    // MARK: - Helpers

    /// Deletes the source of `service` and everything read from it; `changes` then counts the source row.
    private func deleteOfficialRows(of service: ServiceSlug) throws(SQLiteError) {
        for sql in [
            "DELETE FROM official_incident WHERE service = ?",
            "DELETE FROM official_component_state WHERE service = ?",
            "DELETE FROM official_source WHERE service = ?",
        ] {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(service.rawValue, at: 1)
            try statement.run()
        }
    }

    private func storedOfficialIncidentIDs(of service: ServiceSlug) throws(SQLiteError) -> Set<String> {
        let statement = try connection.cachedStatement("SELECT id FROM official_incident WHERE service = ?")
        try statement.bind(service.rawValue, at: 1)
        var ids = Set<String>()
        while try statement.step() {
            if let id = statement.text(at: 0) { ids.insert(id) }
        }
        return ids
    }

    private func upsertOfficialIncidents(
        _ incidents: [OfficialIncident], service: ServiceSlug, encoder: JSONEncoder
    ) throws {
        let statement = try connection.cachedStatement(
            """
            INSERT INTO official_incident (service, id, name, status, impact, created_at, started_at, resolved_at,
                updated_at, ended_at, url, components, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (service, id) DO UPDATE SET name = excluded.name, status = excluded.status,
                impact = excluded.impact, created_at = excluded.created_at, started_at = excluded.started_at,
                resolved_at = excluded.resolved_at, updated_at = excluded.updated_at, ended_at = excluded.ended_at,
                url = excluded.url, components = excluded.components, body = excluded.body
            WHERE excluded.updated_at IS NULL OR official_incident.updated_at IS NULL
                OR excluded.updated_at >= official_incident.updated_at
            """
        )
        for incident in incidents {
            try statement.bind(service.rawValue, at: 1)
            try statement.bind(incident.id, at: 2)
            try statement.bind(incident.name, at: 3)
            try statement.bind(incident.status, at: 4)
            try statement.bind(incident.impact?.rawValue, at: 5)
            try statement.bind(incident.createdAt.seconds, at: 6)
            try statement.bind(incident.startedAt?.seconds, at: 7)
            try statement.bind(incident.resolvedAt?.seconds, at: 8)
            try statement.bind(incident.updatedAt?.seconds, at: 9)
            try statement.bind(incident.spanEnd?.seconds, at: 10)
            try statement.bind(incident.url, at: 11)
            try statement.bind(String(decoding: try encoder.encode(incident.components), as: UTF8.self), at: 12)
            try statement.bind(String(decoding: try encoder.encode(incident), as: UTF8.self), at: 13)
            try statement.run()
        }
    }

    /// Appends a state for each component whose status differs from its latest stored one; returns how many.
    private func appendComponentChanges(
        _ components: [OfficialComponent], service: ServiceSlug, at now: Timestamp
    )
        throws(SQLiteError) -> Int
    {
        guard !components.isEmpty else { return 0 }
        let latest = try connection.cachedStatement(
            """
            SELECT status FROM official_component_state WHERE service = ? AND component_id = ?
            ORDER BY id DESC LIMIT 1
            """
        )
        let insert = try connection.cachedStatement(
            """
            INSERT INTO official_component_state (service, component_id, name, status, updated_at, observed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        )
        var appended = 0
        for component in components {
            latest.reset()
            try latest.bind(service.rawValue, at: 1)
            try latest.bind(component.id, at: 2)
            let previous = try latest.step() ? latest.text(at: 0) : nil
            latest.reset()
            if previous == component.status.rawValue { continue }
            try insert.bind(service.rawValue, at: 1)
            try insert.bind(component.id, at: 2)
            try insert.bind(component.name, at: 3)
            try insert.bind(component.status.rawValue, at: 4)
            try insert.bind(component.updatedAt?.seconds, at: 5)
            try insert.bind(now.seconds, at: 6)
            try insert.run()
            appended += 1
        }
        return appended
    }

    private func readOfficialSources(service: ServiceSlug?) throws(StoreError) -> [OfficialSource] {
        let sql =
            """
            SELECT service, kind, location, component, added_at, last_attempt_at, last_success_at, last_error,
                consecutive_failures, next_attempt_at
            FROM official_source
            """ + (service == nil ? "" : " WHERE service = ?") + " ORDER BY service"
        return try StoreError.catching("official source") {
            let statement = try connection.cachedStatement(sql)
            if let service { try statement.bind(service.rawValue, at: 1) }
            var sources: [OfficialSource] = []
            while try statement.step() {
                guard let slug = statement.text(at: 0).flatMap(ServiceSlug.init(rawValue:)) else {
                    throw StoreError.invalidStoredValue("official source service")
                }
                guard let kind = statement.text(at: 1).flatMap(OfficialSourceKind.init(rawValue:)) else {
                    throw StoreError.invalidStoredValue("official source kind of \(slug)")
                }
                sources.append(
                    OfficialSource(
                        service: slug, kind: kind, location: statement.text(at: 2) ?? "",
                        component: statement.text(at: 3),
                        addedAt: Timestamp(seconds: statement.int64(at: 4)), lastAttemptAt: timestamp(statement, 5),
                        lastSuccessAt: timestamp(statement, 6), lastError: statement.text(at: 7),
                        consecutiveFailures: statement.int(at: 8), nextAttemptAt: timestamp(statement, 9)
                    )
                )
            }
            return sources
        }
    }

    private func readComponentStates(_ sql: String, service: ServiceSlug) throws(StoreError) -> [OfficialComponentState]
    {
        return try StoreError.catching("official component state") {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(service.rawValue, at: 1)
            var states: [OfficialComponentState] = []
            while try statement.step() {
                let statusText = statement.text(at: 2) ?? ""
                guard let status = OfficialComponentStatus(rawValue: statusText) else {
                    throw StoreError.invalidStoredValue("official component status \(quoted(statusText))")
                }
                states.append(
                    OfficialComponentState(
                        componentID: statement.text(at: 0) ?? "", name: statement.text(at: 1) ?? "", status: status,
                        updatedAt: timestamp(statement, 3), observedAt: Timestamp(seconds: statement.int64(at: 4))
                    )
                )
            }
            return states
        }
    }

    private func timestamp(_ statement: SQLiteStatement, _ column: Int32) -> Timestamp? {
        statement.isNull(at: column) ? nil : Timestamp(seconds: statement.int64(at: column))
    }
}
