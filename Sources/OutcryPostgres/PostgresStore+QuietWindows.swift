package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: QuietWindowStorage {
    package func addQuietWindow(_ window: QuietWindow) throws(StoreError) -> QuietWindow {
        guard try service(window.service) != nil else { throw .unknownService(window.service.rawValue) }
        let row = try session.query(
            """
            INSERT INTO quiet_window (service, starts_at, ends_at, reason, source, created_at)
            VALUES (\(window.service.rawValue), \(window.startsAt.seconds), \(window.endsAt.seconds), \(window.reason),
                \(window.source.rawValue), \(window.createdAt.seconds))
            RETURNING id
            """, "adding a quiet window"
        ).first
        var stored = window
        stored.id = try row?.columns(Int64.self, "quiet window id") ?? 0
        return stored
    }

    package func quietWindows(service: ServiceSlug?) throws(StoreError) -> [QuietWindow] {
        try readQuietWindows(
            """
            SELECT id, service, starts_at, ends_at, reason, source, created_at FROM quiet_window
            WHERE \(service?.rawValue)::text IS NULL OR service = \(service?.rawValue) ORDER BY starts_at, id
            """)
    }

    package func quietWindows(overlappingFrom from: Timestamp, to: Timestamp) throws(StoreError) -> [QuietWindow] {
        try readQuietWindows(
            """
            SELECT id, service, starts_at, ends_at, reason, source, created_at FROM quiet_window
            WHERE starts_at < \(to.seconds) AND ends_at > \(from.seconds) ORDER BY starts_at, id
            """)
    }

    package func quietWindow(id: Int64) throws(StoreError) -> QuietWindow? {
        try readQuietWindows(
            "SELECT id, service, starts_at, ends_at, reason, source, created_at FROM quiet_window WHERE id = \(id)"
        ).first
    }

    package func removeQuietWindow(id: Int64) throws(StoreError) -> Bool {
        try session.execute("DELETE FROM quiet_window WHERE id = \(id)", "removing quiet window \(id)") > 0
    }

    package func syncOfficialQuietWindows(service: ServiceSlug, windows: [QuietWindow], now: Timestamp)
        throws(StoreError) -> QuietWindowSyncRecord
    {
        try StoreError.postgresCatching("quiet window") {
            try inTransaction {
                let plan = QuietWindowSyncPlan(
                    stored: try quietWindows(service: service), listed: windows, service: service, now: now)
                for window in plan.updates {
                    try session.execute(
                        """
                        UPDATE quiet_window SET starts_at = \(window.startsAt.seconds), ends_at = \(window.endsAt.seconds),
                            reason = \(window.reason) WHERE id = \(window.id)
                        """, "updating quiet window \(window.id)")
                }
                for window in plan.additions { _ = try addQuietWindow(window) }
                for id in plan.removals { _ = try removeQuietWindow(id: id) }
                return plan.record
            }
        }
    }

    package func removeOfficialQuietWindows(service: ServiceSlug, startingAfter now: Timestamp) throws(StoreError)
        -> Int
    {
        try session.execute(
            """
            DELETE FROM quiet_window WHERE service = \(service.rawValue) AND source <> 'operator'
              AND starts_at > \(now.seconds)
            """, "removing the status page's quiet windows")
    }

    private func readQuietWindows(_ query: PostgresQuery) throws(StoreError) -> [QuietWindow] {
        try session.query(query, "reading quiet windows").map { row throws(StoreError) in
            let (id, service, startsAt, endsAt, reason, source, createdAt) = try row.columns(
                (Int64, String, Int64, Int64, String, String, Int64).self, "quiet window")
            guard let slug = ServiceSlug(rawValue: service), let parsedSource = QuietWindowSource(rawValue: source)
            else { throw .invalidStoredValue("quiet window \(id)") }
            return QuietWindow(
                id: id, service: slug, startsAt: Timestamp(seconds: startsAt), endsAt: Timestamp(seconds: endsAt),
                reason: reason, source: parsedSource, createdAt: Timestamp(seconds: createdAt))
        }
    }
}
