package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: NotificationStorage {
    /// As on SQLite, plus `FOR UPDATE OF d SKIP LOCKED`: daemons delivering at once each take different rows,
    /// and a row another daemon is claiming right now is skipped rather than waited for.
    package func claimDueDeliveries(now: Timestamp, limit: Int, claimUntil: Timestamp) throws(StoreError)
        -> [DueDelivery]
    {
        let rows = try session.query(
            """
            SELECT d.event_id, d.hook_id, d.attempts, h.kind, h.target, h.secret, e.kind, e.incident_id, e.service,
                e.level, e.payload, h.endpoint, h.mail_from, s.name
            FROM notification_delivery d
            JOIN notification_event e ON e.id = d.event_id
            JOIN notification_hook h ON h.id = d.hook_id
            LEFT JOIN service s ON s.slug = e.service
            WHERE d.state = 'pending' AND d.next_attempt_at <= \(now.seconds) AND h.removed_at IS NULL
                AND NOT EXISTS (
                    SELECT 1 FROM notification_delivery p
                    WHERE p.hook_id = d.hook_id AND p.state = 'pending' AND p.event_id < d.event_id
                        AND p.next_attempt_at > \(now.seconds)
                )
            ORDER BY d.event_id, d.hook_id
            LIMIT \(Int64(max(0, limit)))
            FOR UPDATE OF d SKIP LOCKED
            """, "claiming due deliveries")
        var due: [DueDelivery] = []
        for row in rows {
            let (eventID, hookID, attempts, hookKind, target, secret, eventKind, incident, service) = try row.columns(
                (Int64, Int64, Int64, String, String, String?, String, String, String).self, "due delivery")
            let (level, payload, endpoint, mailFrom, serviceName) = try Self.tail(row)
            guard let parsedHook = NotificationHookKind(rawValue: hookKind),
                let parsedEvent = NotificationEventKind(rawValue: eventKind),
                let slug = ServiceSlug(rawValue: service), let parsedLevel = AlertLevel(rawValue: level)
            else { throw .invalidStoredValue("notification delivery of event \(eventID)") }
            due.append(
                DueDelivery(
                    eventID: eventID, hookID: hookID, attempt: Int(attempts) + 1, hookKind: parsedHook, target: target,
                    secret: secret, endpoint: endpoint, mailFrom: mailFrom, eventKind: parsedEvent,
                    incidentID: incident,
                    service: slug, serviceName: serviceName, level: parsedLevel, payload: payload))
        }
        for delivery in due {
            try session.execute(
                """
                UPDATE notification_delivery SET next_attempt_at = \(claimUntil.seconds)
                WHERE event_id = \(delivery.eventID) AND hook_id = \(delivery.hookID)
                """, "claiming a delivery")
        }
        return due
    }

    /// The last five columns of a due-delivery row (the driver decodes at most nine at once here).
    private static func tail(_ row: PostgresRow) throws(StoreError)
        -> (String, String, String?, String?, String?)
    {
        let cells = Array(row)
        guard cells.count == 14 else { throw .invalidStoredValue("due delivery row") }
        do {
            return (
                try cells[9].decode(String.self), try cells[10].decode(String.self),
                try cells[11].decode(String?.self), try cells[12].decode(String?.self),
                try cells[13].decode(String?.self)
            )
        } catch {
            throw .invalidStoredValue("due delivery: \(error)")
        }
    }

    package func recordDeliveryAttempt(_ record: DeliveryAttemptRecord) throws(StoreError) {
        let state: DeliveryState =
            switch record.outcome {
            case .delivered: .delivered
            case .retry: .pending
            case .failed: .failed
            }
        let error = record.error.map(OutcryDatabase.boundedLogText)
        let status = record.httpStatus.map(Int64.init)
        try session.execute(
            """
            UPDATE notification_delivery SET state = \(state.rawValue), attempts = \(Int64(record.attempt)),
                next_attempt_at = \(record.outcome == .retry ? record.nextAttemptAt?.seconds : nil),
                last_attempt_at = \(record.at.seconds), last_status = \(status), last_error = \(error),
                delivered_at = CASE WHEN \(state.rawValue) = 'delivered' THEN \(record.at.seconds)::bigint END
            WHERE event_id = \(record.eventID) AND hook_id = \(record.hookID) AND state = 'pending'
            """, "recording a delivery attempt")
        try session.execute(
            """
            INSERT INTO notification_attempt (event_id, hook_id, attempt, at, outcome, http_status, error, duration_ms)
            VALUES (\(record.eventID), \(record.hookID), \(Int64(record.attempt)), \(record.at.seconds),
                \(record.outcome.rawValue), \(status), \(error), \(record.durationMilliseconds))
            """, "logging a delivery attempt")
    }

    package func deferDelivery(eventID: Int64, hookID: Int64, until: Timestamp) throws(StoreError) {
        try session.execute(
            """
            UPDATE notification_delivery SET next_attempt_at = \(until.seconds)
            WHERE event_id = \(eventID) AND hook_id = \(hookID) AND state = 'pending'
            """, "deferring a delivery")
    }

    package func notificationAttempts(limit: Int, hookID: Int64?) throws(StoreError) -> [NotificationAttempt] {
        try session.query(
            """
            SELECT a.event_id, a.hook_id, a.attempt, a.at, a.outcome, a.http_status, a.error, a.duration_ms, e.kind,
                e.incident_id
            FROM notification_attempt a JOIN notification_event e ON e.id = a.event_id
            WHERE \(hookID)::bigint IS NULL OR a.hook_id = \(hookID)
            ORDER BY a.id DESC LIMIT \(Int64(max(0, limit)))
            """, "reading delivery attempts"
        ).map { row throws(StoreError) in
            let (eventID, hook, attempt, at, outcome, status, error, duration, kind) = try row.columns(
                (Int64, Int64, Int64, Int64, String, Int64?, String?, Int64, String).self, "delivery attempt")
            let incidentID: String
            do {
                incidentID = try Array(row)[9].decode(String.self)
            } catch {
                throw .invalidStoredValue("delivery attempt: \(error)")
            }
            guard let parsedOutcome = AttemptOutcome(rawValue: outcome),
                let parsedKind = NotificationEventKind(rawValue: kind)
            else { throw .invalidStoredValue("notification attempt of event \(eventID)") }
            return NotificationAttempt(
                eventID: eventID, hookID: hook, attempt: Int(attempt), at: Timestamp(seconds: at),
                outcome: parsedOutcome, httpStatus: status.map { Int($0) }, error: error,
                durationMilliseconds: duration, eventKind: parsedKind, incidentID: incidentID)
        }
    }

    package func notificationDeliveries(hookID: Int64?) throws(StoreError) -> [NotificationDeliveryStatus] {
        try session.query(
            """
            SELECT event_id, hook_id, state, attempts, next_attempt_at, last_status, last_error, delivered_at
            FROM notification_delivery WHERE \(hookID)::bigint IS NULL OR hook_id = \(hookID)
            ORDER BY event_id, hook_id
            """, "reading deliveries"
        ).map { row throws(StoreError) in
            let (eventID, hook, state, attempts, nextAt, status, error, deliveredAt) = try row.columns(
                (Int64, Int64, String, Int64, Int64?, Int64?, String?, Int64?).self, "delivery")
            guard let parsed = DeliveryState(rawValue: state) else {
                throw .invalidStoredValue("notification delivery state")
            }
            return NotificationDeliveryStatus(
                eventID: eventID, hookID: hook, state: parsed, attempts: Int(attempts),
                nextAttemptAt: nextAt.map { Timestamp(seconds: $0) }, lastStatus: status.map { Int($0) },
                lastError: error, deliveredAt: deliveredAt.map { Timestamp(seconds: $0) })
        }
    }
}
