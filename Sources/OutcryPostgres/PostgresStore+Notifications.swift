package import OutcryModel
package import OutcryStore
import PostgresNIO

/// Hooks and the outbox of events; like the SQLite store, none of these opens a transaction.
extension PostgresStore {
    package func addNotificationHook(_ hook: NewNotificationHook, now: Timestamp) throws(StoreError) -> NotificationHook
    {
        let row = try session.query(
            """
            INSERT INTO notification_hook (kind, target, service, group_name, min_level, secret, created_at, endpoint,
                mail_from)
            VALUES (\(hook.kind.rawValue), \(hook.target), \(hook.filter.service?.rawValue), \(hook.filter.group),
                \(hook.filter.minimumLevel.rawValue), \(hook.secret), \(now.seconds), \(hook.endpoint), \(hook.mailFrom))
            RETURNING id
            """, "adding a notification hook"
        ).first
        guard let row else { throw .invalidStoredValue("the new hook's id") }
        return NotificationHook(
            id: try row.columns(Int64.self, "hook id"), kind: hook.kind, target: hook.target, filter: hook.filter,
            secret: hook.secret, endpoint: hook.endpoint, mailFrom: hook.mailFrom, createdAt: now)
    }

    package func notificationHooks(includingRemoved: Bool) throws(StoreError) -> [NotificationHook] {
        try readHooks(
            """
            SELECT id, kind, target, service, group_name, min_level, secret, created_at, removed_at, endpoint, mail_from
            FROM notification_hook WHERE \(includingRemoved) OR removed_at IS NULL ORDER BY id
            """)
    }

    package func notificationHook(id: Int64) throws(StoreError) -> NotificationHook? {
        try readHooks(
            """
            SELECT id, kind, target, service, group_name, min_level, secret, created_at, removed_at, endpoint, mail_from
            FROM notification_hook WHERE id = \(id)
            """
        ).first
    }

    package func removeNotificationHook(id: Int64, now: Timestamp) throws(StoreError) -> Bool {
        let removed = try session.execute(
            "UPDATE notification_hook SET removed_at = \(now.seconds) WHERE id = \(id) AND removed_at IS NULL",
            "removing hook \(id)")
        guard removed > 0 else { return false }
        try session.execute(
            """
            UPDATE notification_delivery SET state = 'failed', next_attempt_at = NULL, last_error = 'hook removed'
            WHERE hook_id = \(id) AND state = 'pending'
            """, "giving up the hook's deliveries")
        return true
    }

    package func storedIncidentStates(ids: [String]) throws(StoreError) -> [String: StoredIncidentState] {
        guard !ids.isEmpty else { return [:] }
        var states: [String: StoredIncidentState] = [:]
        for row in try session.query(
            "SELECT id, status, level, region FROM incident WHERE id = ANY(\(ids))", "reading incident states")
        {
            let (id, status, level, region) = try row.columns((String, String, String, String).self, "incident state")
            guard let parsedStatus = IncidentStatus(rawValue: status), let parsedLevel = AlertLevel(rawValue: level),
                let parsedRegion = try? Region.parseAllowingGlobal(region)
            else { throw .invalidStoredValue("incident status, level or region") }
            states[id] = StoredIncidentState(status: parsedStatus, level: parsedLevel, region: parsedRegion)
        }
        return states
    }

    package func enqueueNotificationEvents(
        _ drafts: [NotificationEventDraft], createdAt: Timestamp,
        payload: (NotificationEventDraft, Int64) throws -> String
    ) throws -> [NotificationEvent] {
        guard !drafts.isEmpty else { return [] }
        let hooks = try notificationHooks(includingRemoved: false)
        var groups: [ServiceSlug: String] = [:]
        for service in try services() { groups[service.slug] = service.group }
        var created: [NotificationEvent] = []
        for draft in drafts {
            let inserted = try session.query(
                """
                INSERT INTO notification_event (key, kind, incident_id, service, level, occurred_at, created_at, payload)
                VALUES (\(draft.key), \(draft.kind.rawValue), \(draft.incidentID), \(draft.service.rawValue),
                    \(draft.level.rawValue), \(draft.occurredAt.seconds), \(createdAt.seconds), '')
                ON CONFLICT (key) DO NOTHING RETURNING id
                """, "queueing a notification event"
            ).first
            guard let inserted else { continue }
            let id = try inserted.columns(Int64.self, "event id")
            let body = try payload(draft, id)
            try session.execute(
                "UPDATE notification_event SET payload = \(body) WHERE id = \(id)", "saving an event's payload")
            let matching = hooks.filter {
                $0.filter.matches(service: draft.service, group: groups[draft.service], level: draft.level)
            }
            for hook in matching {
                try session.execute(
                    """
                    INSERT INTO notification_delivery (event_id, hook_id, state, attempts, next_attempt_at)
                    VALUES (\(id), \(hook.id), 'pending', 0, \(createdAt.seconds))
                    """, "queueing a delivery")
            }
            created.append(
                NotificationEvent(
                    id: id, key: draft.key, kind: draft.kind, incidentID: draft.incidentID, service: draft.service,
                    level: draft.level, occurredAt: draft.occurredAt, createdAt: createdAt, payload: body,
                    deliveries: matching.count))
        }
        return created
    }

    package func recentNotificationEvents(limit: Int) throws(StoreError) -> [NotificationEvent] {
        try session.query(
            """
            SELECT e.id, e.key, e.kind, e.incident_id, e.service, e.level, e.occurred_at, e.created_at, e.payload,
                (SELECT COUNT(*) FROM notification_delivery d WHERE d.event_id = e.id)
            FROM notification_event e ORDER BY e.id DESC LIMIT \(Int64(max(0, limit)))
            """, "reading notification events"
        ).map { row throws(StoreError) in
            let (id, key, kind, incident, service, level, occurredAt, createdAt, payload, deliveries) =
                try row.columns(
                    (Int64, String, String, String, String, String, Int64, Int64, String, Int64).self,
                    "notification event")
            guard let parsedKind = NotificationEventKind(rawValue: kind), let slug = ServiceSlug(rawValue: service),
                let parsedLevel = AlertLevel(rawValue: level)
            else { throw .invalidStoredValue("notification event \(id)") }
            return NotificationEvent(
                id: id, key: key, kind: parsedKind, incidentID: incident, service: slug, level: parsedLevel,
                occurredAt: Timestamp(seconds: occurredAt), createdAt: Timestamp(seconds: createdAt), payload: payload,
                deliveries: Int(deliveries))
        }
    }

    private func readHooks(_ query: PostgresQuery) throws(StoreError) -> [NotificationHook] {
        try session.query(query, "reading notification hooks").map { row throws(StoreError) in
            let (id, kind, target, service, group, level, secret, createdAt, removedAt, endpoint, mailFrom) =
                try row.columns(
                    (Int64, String, String, String?, String?, String, String?, Int64, Int64?, String?, String?).self,
                    "notification hook")
            guard let parsedKind = NotificationHookKind(rawValue: kind), let parsedLevel = AlertLevel(rawValue: level)
            else { throw .invalidStoredValue("notification hook \(id)") }
            var slug: ServiceSlug?
            if let service {
                guard let parsed = ServiceSlug(rawValue: service) else {
                    throw .invalidStoredValue("hook service \(service)")
                }
                slug = parsed
            }
            return NotificationHook(
                id: id, kind: parsedKind, target: target,
                filter: NotificationFilter(service: slug, group: group, minimumLevel: parsedLevel), secret: secret,
                endpoint: endpoint, mailFrom: mailFrom, createdAt: Timestamp(seconds: createdAt),
                removedAt: removedAt.map { Timestamp(seconds: $0) })
        }
    }
}
