package import Foundation
package import OutcryModel

/// Which incidents to read.
package struct IncidentQuery: Sendable {
    package var service: ServiceSlug?
    package var services: [ServiceSlug]?
    package var region: Region?
    /// Only open incidents.
    package var activeOnly = false
    /// Incidents overlapping `[since, until]` (open incidents extend to now).
    package var since: Timestamp?
    package var until: Timestamp?
    /// Only incidents after this one in the list's order (`started_at DESC, id`): the next page.
    package var after: IncidentCursor?
    /// At most this many incidents, read in order on the onset index (reading stops there); nil reads all.
    package var limit: Int?

    package init(
        service: ServiceSlug? = nil, services: [ServiceSlug]? = nil, region: Region? = nil, activeOnly: Bool = false,
        since: Timestamp? = nil, until: Timestamp? = nil, after: IncidentCursor? = nil, limit: Int? = nil
    ) {
        self.service = service
        self.services = services
        self.region = region
        self.activeOnly = activeOnly
        self.since = since
        self.until = until
        self.after = after
        self.limit = limit
    }
}

extension OutcryDatabase {
    /// Inserts or replaces incidents by id (replaying a range rewrites the same ids, never duplicates); a
    /// regional incident that widened to its service's global incident keeps its id and takes the new region.
    package func saveIncidents(_ incidents: [Incident]) throws(StoreError) {
        guard !incidents.isEmpty else { return }
        let encoder = Self.jsonEncoder
        do {
            let statement = try connection.cachedStatement(
                """
                INSERT INTO incident (id, service, region, status, level, detected_at, started_at, ended_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET region = excluded.region, status = excluded.status,
                    level = excluded.level, detected_at = excluded.detected_at, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, body = excluded.body
                """
            )
            for incident in incidents {
                let body = try encoder.encode(incident)
                try statement.bind(incident.id, at: 1)
                try statement.bind(incident.service.rawValue, at: 2)
                try statement.bind(incident.region.code, at: 3)
                try statement.bind(incident.status.rawValue, at: 4)
                try statement.bind(incident.level.rawValue, at: 5)
                try statement.bind(incident.detectedAt.seconds, at: 6)
                try statement.bind(incident.startedAt.seconds, at: 7)
                try statement.bind(incident.endedAt?.seconds, at: 8)
                try statement.bind(String(decoding: body, as: UTF8.self), at: 9)
                try statement.run()
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("incident: \(error)")
        }
    }

    /// Inserts or replaces group events by id.
    package func saveGroupEvents(_ events: [GroupEvent]) throws(StoreError) {
        guard !events.isEmpty else { return }
        do {
            let statement = try connection.cachedStatement(
                """
                INSERT INTO group_event (id, group_name, status, started_at, ended_at, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, body = excluded.body
                """
            )
            for event in events {
                try statement.bind(event.id, at: 1)
                try statement.bind(event.group, at: 2)
                try statement.bind(event.status.rawValue, at: 3)
                try statement.bind(event.startedAt.seconds, at: 4)
                try statement.bind(event.endedAt?.seconds, at: 5)
                try statement.bind(String(decoding: try Self.jsonEncoder.encode(event), as: UTF8.self), at: 6)
                try statement.run()
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("group event: \(error)")
        }
    }

    /// Incidents matching `query`, most recent onset first (then by id).
    ///
    /// A query that selects a large share of the table reads it in storage order and sorts in memory: walking the
    /// onset index visits the table's pages in random order, which costs about four times as much. A query with a
    /// ``IncidentQuery/limit`` (a page) always walks the index in order and stops after `limit` incidents.
    package func incidents(_ query: IncidentQuery = IncidentQuery()) throws(StoreError) -> [Incident] {
        var result: [Incident] = []
        var scansTable = false
        let limit = query.limit.map { max($0, 0) }
        if limit == 0 { return [] }
        do {
            scansTable = limit == nil ? try selectsLargeShare(until: query.until) : false
            var conditions: [String] = []
            if query.activeOnly { conditions.append("status = 'open'") }
            if query.service != nil { conditions.append("service = ?1") }
            if query.region != nil { conditions.append("region = ?2") }
            // A unary plus keeps the planner off the onset index (NOT INDEXED does not, on this table).
            if query.until != nil { conditions.append(scansTable ? "+started_at <= ?3" : "started_at <= ?3") }
            if query.since != nil { conditions.append("(ended_at IS NULL OR ended_at >= ?4)") }
            // After the cursor in `started_at DESC, id` order; the first term keeps it a range on the index.
            if query.after != nil { conditions.append("started_at <= ?5 AND (started_at < ?5 OR id > ?6)") }
            let sql =
                "SELECT service, body FROM incident"
                + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + (scansTable ? "" : " ORDER BY started_at DESC, id")
            let statement = try connection.cachedStatement(sql)
            if let service = query.service { try statement.bind(service.rawValue, at: 1) }
            if let region = query.region { try statement.bind(region.code, at: 2) }
            if let until = query.until { try statement.bind(until.seconds, at: 3) }
            if let since = query.since { try statement.bind(since.seconds, at: 4) }
            if let after = query.after {
                try statement.bind(after.startedAt.seconds, at: 5)
                try statement.bind(after.id, at: 6)
            }
            defer { statement.reset() }
            let members = query.services.map { Set($0.map(\.rawValue)) }
            while try statement.step() {
                // Other services are skipped before their bodies are decoded.
                if let members, let service = statement.text(at: 0), !members.contains(service) { continue }
                guard let body = statement.blob(at: 1) else { continue }
                let incident = try StoredBody.incident(body)
                if let services = query.services, !services.contains(incident.service) { continue }
                result.append(incident)
                if let limit, result.count >= limit { break }
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("incident: \(error)")
        }
        if scansTable { Self.sortByOnsetDescending(&result) }
        return result
    }

    /// Whether incidents starting by `until` are at least a quarter of the table (counted on the onset index).
    private func selectsLargeShare(until: Timestamp?) throws(SQLiteError) -> Bool {
        let total = try connection.cachedStatement("SELECT count(*) FROM incident INDEXED BY incident_started_at")
        defer { total.reset() }
        guard try total.step() else { return false }
        let all = total.int64(at: 0)
        guard let until else { return true }
        let selected = try connection.cachedStatement(
            "SELECT count(*) FROM incident INDEXED BY incident_started_at WHERE started_at <= ?"
        )
        defer { selected.reset() }
        try selected.bind(until.seconds, at: 1)
        guard try selected.step() else { return false }
        return selected.int64(at: 0) * 4 >= all
    }

    /// Orders incidents as `ORDER BY started_at DESC, id` does (ids by their UTF-8 bytes), moving each once.
    static func sortByOnsetDescending(_ incidents: inout [Incident]) {
        var order = Array(incidents.indices)
        order.sort { left, right in
            let leftStart = incidents[left].startedAt
            let rightStart = incidents[right].startedAt
            if leftStart != rightStart { return leftStart > rightStart }
            return incidents[left].id.utf8.lexicographicallyPrecedes(incidents[right].id.utf8)
        }
        // Apply the permutation (position i receives the incident at order[i]) cycle by cycle, by swaps.
        var placed = [Bool](repeating: false, count: incidents.count)
        for start in incidents.indices where !placed[start] {
            var current = start
            while order[current] != start {
                placed[current] = true
                incidents.swapAt(current, order[current])
                current = order[current]
            }
            placed[current] = true
        }
    }

    /// One incident by id.
    package func incident(id: String) throws(StoreError) -> Incident? {
        do {
            let statement = try connection.cachedStatement("SELECT body FROM incident WHERE id = ?")
            defer { statement.reset() }
            try statement.bind(id, at: 1)
            guard try statement.step(), let body = statement.blob(at: 0) else { return nil }
            return try StoredBody.incident(body)
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("incident: \(error)")
        }
    }

    /// Group events overlapping `[since, until]`, most recent first.
    package func groupEvents(since: Timestamp? = nil, until: Timestamp? = nil, activeOnly: Bool = false)
        throws(StoreError)
        -> [GroupEvent]
    {
        var conditions: [String] = []
        if activeOnly { conditions.append("status = 'open'") }
        if until != nil { conditions.append("started_at <= ?1") }
        if since != nil { conditions.append("(ended_at IS NULL OR ended_at >= ?2)") }
        let sql =
            "SELECT body FROM group_event"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY started_at DESC, id"
        var result: [GroupEvent] = []
        do {
            let statement = try connection.cachedStatement(sql)
            if let until { try statement.bind(until.seconds, at: 1) }
            if let since { try statement.bind(since.seconds, at: 2) }
            while try statement.step() {
                guard let body = statement.blob(at: 0) else { continue }
                result.append(try StoredBody.groupEvent(body))
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("group event: \(error)")
        }
        return result
    }

    /// Deletes incidents detected in `[from, to]` and group events starting then (before a replay of that range).
    package func deleteDetections(detectedFrom from: Timestamp, to: Timestamp) throws(StoreError) {
        do {
            let deleteIncidents = try connection.cachedStatement(
                "DELETE FROM incident WHERE detected_at BETWEEN ? AND ?")
            try deleteIncidents.bind(from.seconds, at: 1)
            try deleteIncidents.bind(to.seconds, at: 2)
            try deleteIncidents.run()
            let deleteEvents = try connection.cachedStatement(
                "DELETE FROM group_event WHERE started_at BETWEEN ? AND ?")
            try deleteEvents.bind(from.seconds, at: 1)
            try deleteEvents.bind(to.seconds, at: 2)
            try deleteEvents.run()
        } catch {
            throw .sqlite(error)
        }
    }

    /// The detector's saved state and the tick it was saved at.
    package func loadDetectorState() throws(StoreError) -> (lastTick: Timestamp, body: [UInt8])? {
        do {
            let statement = try connection.cachedStatement("SELECT last_tick, body FROM detector_state WHERE id = 1")
            defer { statement.reset() }
            guard try statement.step() else { return nil }
            return (Timestamp(seconds: statement.int64(at: 0)), statement.blob(at: 1) ?? [])
        } catch {
            throw .sqlite(error)
        }
    }

    /// Saves the detector's state (replacing the previous one).
    package func saveDetectorState(lastTick: Timestamp, body: [UInt8]) throws(StoreError) {
        do {
            let statement = try connection.cachedStatement(
                "INSERT INTO detector_state (id, last_tick, body) VALUES (1, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET last_tick = excluded.last_tick, body = excluded.body"
            )
            try statement.bind(lastTick.seconds, at: 1)
            try statement.bind(body, at: 2)
            try statement.run()
        } catch {
            throw .sqlite(error)
        }
    }

    /// Forgets the detector's state (the next tick starts cold).
    package func clearDetectorState() throws(StoreError) {
        do { try connection.execute("DELETE FROM detector_state") } catch { throw .sqlite(error) }
    }

    package static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
