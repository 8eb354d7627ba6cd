import Foundation
import NIOCore
package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: IncidentStorage {
    /// The encoder the SQLite store writes bodies with, so both backends store the same text.
    static var jsonEncoder: JSONEncoder { OutcryDatabase.jsonEncoder }

    package func saveIncidents(_ incidents: [Incident]) throws(StoreError) {
        for incident in incidents {
            let body: String
            do {
                body = String(decoding: try Self.jsonEncoder.encode(incident), as: UTF8.self)
            } catch {
                throw .invalidStoredValue("incident: \(error)")
            }
            try session.execute(
                """
                INSERT INTO incident (id, service, region, status, level, detected_at, started_at, ended_at, body)
                VALUES (\(incident.id), \(incident.service.rawValue), \(incident.region.code),
                    \(incident.status.rawValue), \(incident.level.rawValue), \(incident.detectedAt.seconds),
                    \(incident.startedAt.seconds), \(incident.endedAt?.seconds), \(body))
                ON CONFLICT (id) DO UPDATE SET region = excluded.region, status = excluded.status,
                    level = excluded.level, detected_at = excluded.detected_at, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, body = excluded.body
                """, "saving incident \(incident.id)")
        }
    }

    package func saveGroupEvents(_ events: [GroupEvent]) throws(StoreError) {
        for event in events {
            let body: String
            do {
                body = String(decoding: try Self.jsonEncoder.encode(event), as: UTF8.self)
            } catch {
                throw .invalidStoredValue("group event: \(error)")
            }
            try session.execute(
                """
                INSERT INTO group_event (id, group_name, status, started_at, ended_at, body)
                VALUES (\(event.id), \(event.group), \(event.status.rawValue), \(event.startedAt.seconds),
                    \(event.endedAt?.seconds), \(body))
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, body = excluded.body
                """, "saving group event \(event.id)")
        }
    }

    package func incidents(_ query: IncidentQuery) throws(StoreError) -> [Incident] {
        let limit = query.limit.map { max($0, 0) }
        if limit == 0 { return [] }
        var sql = PostgresQuery(unsafeSQL: "SELECT body FROM incident WHERE true")
        var binds = PostgresBindings()
        func add(_ condition: String) { sql.sql += " AND " + condition }
        if query.activeOnly { add("status = 'open'") }
        if let service = query.service {
            binds.append(service.rawValue)
            add("service = $\(binds.count)")
        }
        if let services = query.services {
            binds.append(services.map(\.rawValue))
            add("service = ANY($\(binds.count))")
        }
        if let region = query.region {
            binds.append(region.code)
            add("region = $\(binds.count)")
        }
        if let until = query.until {
            binds.append(until.seconds)
            add("started_at <= $\(binds.count)")
        }
        if let since = query.since {
            binds.append(since.seconds)
            add("(ended_at IS NULL OR ended_at >= $\(binds.count))")
        }
        if let after = query.after {
            binds.append(after.startedAt.seconds)
            binds.append(after.id)
            add(
                "(started_at < $\(binds.count - 1) OR (started_at = $\(binds.count - 1) AND id COLLATE \"C\" > $\(binds.count)))"
            )
        }
        sql.sql += " ORDER BY started_at DESC, id COLLATE \"C\""
        if let limit { sql.sql += " LIMIT \(limit)" }
        sql.binds = binds
        return try session.query(sql, "reading incidents").map { row throws(StoreError) in
            try Self.incident(row)
        }
    }

    package func incident(id: String) throws(StoreError) -> Incident? {
        try session.query("SELECT body FROM incident WHERE id = \(id)", "reading incident \(id)").first.map {
            row throws(StoreError) in try Self.incident(row)
        }
    }

    package func groupEvents(since: Timestamp?, until: Timestamp?, activeOnly: Bool) throws(StoreError)
        -> [GroupEvent]
    {
        let rows = try session.query(
            """
            SELECT body FROM group_event
            WHERE (NOT \(activeOnly) OR status = 'open')
              AND (\(until?.seconds)::bigint IS NULL OR started_at <= \(until?.seconds))
              AND (\(since?.seconds)::bigint IS NULL OR ended_at IS NULL OR ended_at >= \(since?.seconds))
            ORDER BY started_at DESC, id COLLATE "C"
            """, "reading group events")
        return try rows.map { row throws(StoreError) in
            do {
                return try StoredBody.groupEvent(Array(try row.columns(String.self, "group event").utf8))
            } catch {
                throw .invalidStoredValue("group event: \(error)")
            }
        }
    }

    package func deleteDetections(detectedFrom from: Timestamp, to: Timestamp) throws(StoreError) {
        try session.execute(
            "DELETE FROM incident WHERE detected_at BETWEEN \(from.seconds) AND \(to.seconds)", "deleting incidents")
        try session.execute(
            "DELETE FROM group_event WHERE started_at BETWEEN \(from.seconds) AND \(to.seconds)",
            "deleting group events")
    }

    package func loadDetectorState() throws(StoreError) -> (lastTick: Timestamp, body: [UInt8])? {
        guard
            let row = try session.query(
                "SELECT last_tick, body FROM detector_state WHERE id = 1", "reading the detector state"
            ).first
        else { return nil }
        let (lastTick, body) = try row.columns((Int64, ByteBuffer).self, "detector state")
        return (Timestamp(seconds: lastTick), Array(buffer: body))
    }

    package func saveDetectorState(lastTick: Timestamp, body: [UInt8]) throws(StoreError) {
        try session.execute(
            """
            INSERT INTO detector_state (id, last_tick, body) VALUES (1, \(lastTick.seconds), \(ByteBuffer(bytes: body)))
            ON CONFLICT (id) DO UPDATE SET last_tick = excluded.last_tick, body = excluded.body
            """, "saving the detector state")
    }

    package func clearDetectorState() throws(StoreError) {
        try session.execute("DELETE FROM detector_state", "clearing the detector state")
    }

    private static func incident(_ row: PostgresRow) throws(StoreError) -> Incident {
        do {
            return try StoredBody.incident(Array(try row.columns(String.self, "incident").utf8))
        } catch {
            throw .invalidStoredValue("incident: \(error)")
        }
    }
}
