package import OutcryModel

/// Deliveries of outbox events to hooks, and their attempt log. The engine wraps these in its transactions.
extension OutcryDatabase {
    /// Takes up to `limit` due deliveries (pending, `next_attempt_at <= now`, hook not removed) and pushes
    /// their `next_attempt_at` to `claimUntil`, so another sender (the daemon and a cron `notify deliver`)
    /// does not take them meanwhile; if the sender dies, they are due again at `claimUntil`.
    ///
    /// A hook's events go out in order: a delivery is held back while an earlier event for the same hook is
    /// still pending and not due. Oldest events come first, so one busy hook cannot starve the others.
    package func claimDueDeliveries(now: Timestamp, limit: Int, claimUntil: Timestamp) throws(StoreError)
        -> [DueDelivery]
    {
        return try StoreError.catching("notification delivery") {
            var due: [DueDelivery] = []
            let select = try connection.cachedStatement(
                """
                SELECT d.event_id, d.hook_id, d.attempts, h.kind, h.target, h.secret, e.kind, e.incident_id, e.service,
                    e.level, e.payload, h.endpoint, h.mail_from, s.name
                FROM notification_delivery d
                JOIN notification_event e ON e.id = d.event_id
                JOIN notification_hook h ON h.id = d.hook_id
                LEFT JOIN service s ON s.slug = e.service
                WHERE d.state = 'pending' AND d.next_attempt_at <= ?1 AND h.removed_at IS NULL
                    AND NOT EXISTS (
                        SELECT 1 FROM notification_delivery p
                        WHERE p.hook_id = d.hook_id AND p.state = 'pending' AND p.event_id < d.event_id
                            AND p.next_attempt_at > ?1
                    )
                ORDER BY d.event_id, d.hook_id
                LIMIT ?2
                """
            )
            try select.bind(now.seconds, at: 1)
            try select.bind(max(0, limit), at: 2)
            while try select.step() {
                guard let hookKind = select.text(at: 3).flatMap(NotificationHookKind.init(rawValue:)),
                    let target = select.text(at: 4),
                    let eventKind = select.text(at: 6).flatMap(NotificationEventKind.init(rawValue:)),
                    let incidentID = select.text(at: 7),
                    let service = select.text(at: 8).flatMap(ServiceSlug.init(rawValue:)),
                    let level = select.text(at: 9).flatMap(AlertLevel.init(rawValue:)),
                    let payload = select.text(at: 10)
                else { throw StoreError.invalidStoredValue("notification delivery of event \(select.int64(at: 0))") }
                due.append(
                    DueDelivery(
                        eventID: select.int64(at: 0), hookID: select.int64(at: 1), attempt: select.int(at: 2) + 1,
                        hookKind: hookKind, target: target, secret: select.text(at: 5), endpoint: select.text(at: 11),
                        mailFrom: select.text(at: 12), eventKind: eventKind, incidentID: incidentID, service: service,
                        serviceName: select.text(at: 13), level: level, payload: payload
                    )
                )
            }
            let claim = try connection.cachedStatement(
                "UPDATE notification_delivery SET next_attempt_at = ? WHERE event_id = ? AND hook_id = ?"
            )
            for delivery in due {
                try claim.bind(claimUntil.seconds, at: 1)
                try claim.bind(delivery.eventID, at: 2)
                try claim.bind(delivery.hookID, at: 3)
                try claim.run()
            }
            return due
        }
    }

    /// Stores what an attempt did: the delivery's new state (left alone if it is no longer pending, e.g. its
    /// hook was removed meanwhile) and a row in the attempt log.
    package func recordDeliveryAttempt(_ record: DeliveryAttemptRecord) throws(StoreError) {
        let state: DeliveryState =
            switch record.outcome {
            case .delivered: .delivered
            case .retry: .pending
            case .failed: .failed
            }
        do {
            let update = try connection.cachedStatement(
                """
                UPDATE notification_delivery SET state = ?1, attempts = ?2, next_attempt_at = ?3, last_attempt_at = ?4,
                    last_status = ?5, last_error = ?6, delivered_at = CASE WHEN ?1 = 'delivered' THEN ?4 END
                WHERE event_id = ?7 AND hook_id = ?8 AND state = 'pending'
                """
            )
            try update.bind(state.rawValue, at: 1)
            try update.bind(record.attempt, at: 2)
            try update.bind(record.outcome == .retry ? record.nextAttemptAt?.seconds : nil, at: 3)
            try update.bind(record.at.seconds, at: 4)
            try update.bind(record.httpStatus.map(Int64.init), at: 5)
            let error = record.error.map(Self.boundedLogText)
            try update.bind(error, at: 6)
            try update.bind(record.eventID, at: 7)
            try update.bind(record.hookID, at: 8)
            try update.run()
            let log = try connection.cachedStatement(
                """
                INSERT INTO notification_attempt (event_id, hook_id, attempt, at, outcome, http_status, error, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
            )
            try log.bind(record.eventID, at: 1)
            try log.bind(record.hookID, at: 2)
            try log.bind(record.attempt, at: 3)
            try log.bind(record.at.seconds, at: 4)
            try log.bind(record.outcome.rawValue, at: 5)
            try log.bind(record.httpStatus.map(Int64.init), at: 6)
            try log.bind(error, at: 7)
            try log.bind(record.durationMilliseconds, at: 8)
            try log.run()
        } catch {
            throw .sqlite(error)
        }
    }

    /// The most UTF-8 bytes of an attempt's error kept in the delivery log.
    package static let maximumLogTextBytes = 1024

    /// `text` cut to ``maximumLogTextBytes`` at a character boundary (with `…`): errors quote receivers'
    /// answers and commands' output, and the log must not grow with what a receiver sends.
    package static func boundedLogText(_ text: String) -> String {
        guard text.utf8.count > maximumLogTextBytes else { return text }
        var kept = ""
        var bytes = 0
        let budget = maximumLogTextBytes - "…".utf8.count
        for character in text {
            let size = character.utf8.count
            if bytes + size > budget { break }
            kept.append(character)
            bytes += size
        }
        return kept + "…"
    }

    /// Puts a claimed delivery back without counting an attempt, due at `until`.
    package func deferDelivery(eventID: Int64, hookID: Int64, until: Timestamp) throws(StoreError) {
        do {
            let update = try connection.cachedStatement(
                "UPDATE notification_delivery SET next_attempt_at = ? WHERE event_id = ? AND hook_id = ? AND state = 'pending'"
            )
            try update.bind(until.seconds, at: 1)
            try update.bind(eventID, at: 2)
            try update.bind(hookID, at: 3)
            try update.run()
        } catch {
            throw .sqlite(error)
        }
    }

    /// The attempt log, newest first, optionally for one hook.
    package func notificationAttempts(limit: Int, hookID: Int64? = nil) throws(StoreError) -> [NotificationAttempt] {
        return try StoreError.catching("notification attempt") {
            var attempts: [NotificationAttempt] = []
            let statement = try connection.cachedStatement(
                """
                SELECT a.event_id, a.hook_id, a.attempt, a.at, a.outcome, a.http_status, a.error, a.duration_ms, e.kind,
                    e.incident_id
                FROM notification_attempt a JOIN notification_event e ON e.id = a.event_id
                WHERE ?1 IS NULL OR a.hook_id = ?1
                ORDER BY a.id DESC LIMIT ?2
                """
            )
            try statement.bind(hookID, at: 1)
            try statement.bind(max(0, limit), at: 2)
            while try statement.step() {
                guard let outcome = statement.text(at: 4).flatMap(AttemptOutcome.init(rawValue:)),
                    let kind = statement.text(at: 8).flatMap(NotificationEventKind.init(rawValue:)),
                    let incidentID = statement.text(at: 9)
                else { throw StoreError.invalidStoredValue("notification attempt of event \(statement.int64(at: 0))") }
                attempts.append(
                    NotificationAttempt(
                        eventID: statement.int64(at: 0), hookID: statement.int64(at: 1), attempt: statement.int(at: 2),
                        at: Timestamp(seconds: statement.int64(at: 3)), outcome: outcome,
                        httpStatus: statement.isNull(at: 5) ? nil : statement.int(at: 5), error: statement.text(at: 6),
                        durationMilliseconds: statement.int64(at: 7), eventKind: kind, incidentID: incidentID
                    )
                )
            }
            return attempts
        }
    }

    /// Every delivery row (optionally of one hook), by event then hook.
    package func notificationDeliveries(hookID: Int64? = nil) throws(StoreError) -> [NotificationDeliveryStatus] {
        return try StoreError.catching("notification delivery") {
            var deliveries: [NotificationDeliveryStatus] = []
            let statement = try connection.cachedStatement(
                """
                SELECT event_id, hook_id, state, attempts, next_attempt_at, last_status, last_error, delivered_at
                FROM notification_delivery WHERE ?1 IS NULL OR hook_id = ?1 ORDER BY event_id, hook_id
                """
            )
            try statement.bind(hookID, at: 1)
            while try statement.step() {
                guard let state = statement.text(at: 2).flatMap(DeliveryState.init(rawValue:)) else {
                    throw StoreError.invalidStoredValue("notification delivery state")
                }
                deliveries.append(
                    NotificationDeliveryStatus(
                        eventID: statement.int64(at: 0), hookID: statement.int64(at: 1), state: state,
                        attempts: statement.int(at: 3),
                        nextAttemptAt: statement.isNull(at: 4) ? nil : Timestamp(seconds: statement.int64(at: 4)),
                        lastStatus: statement.isNull(at: 5) ? nil : statement.int(at: 5),
                        lastError: statement.text(at: 6),
                        deliveredAt: statement.isNull(at: 7) ? nil : Timestamp(seconds: statement.int64(at: 7))
                    )
                )
            }
            return deliveries
        }
    }
}
