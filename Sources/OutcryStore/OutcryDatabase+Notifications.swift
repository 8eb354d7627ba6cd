import Foundation
package import OutcryModel

/// Hooks and the outbox of notification events. None of these functions opens a transaction: the engine
/// runs them inside its own (events in the same transaction as the incidents they announce).
extension OutcryDatabase {
    // MARK: - Hooks

    /// Stores a new hook and returns it with its id.
    package func addNotificationHook(_ hook: NewNotificationHook, now: Timestamp) throws(StoreError) -> NotificationHook
    {
        do {
            let insert = try connection.cachedStatement(
                """
                INSERT INTO notification_hook (kind, target, service, group_name, min_level, secret, created_at, endpoint,
                    mail_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            )
            try insert.bind(hook.kind.rawValue, at: 1)
            try insert.bind(hook.target, at: 2)
            try insert.bind(hook.filter.service?.rawValue, at: 3)
            try insert.bind(hook.filter.group, at: 4)
            try insert.bind(hook.filter.minimumLevel.rawValue, at: 5)
            try insert.bind(hook.secret, at: 6)
            try insert.bind(now.seconds, at: 7)
            try insert.bind(hook.endpoint, at: 8)
            try insert.bind(hook.mailFrom, at: 9)
            try insert.run()
        } catch {
            throw .sqlite(error)
        }
        return NotificationHook(
            id: connection.lastInsertRowID, kind: hook.kind, target: hook.target, filter: hook.filter,
            secret: hook.secret, endpoint: hook.endpoint, mailFrom: hook.mailFrom, createdAt: now
        )
    }

    /// Hooks by id; removed ones only when asked.
    package func notificationHooks(includingRemoved: Bool = false) throws(StoreError) -> [NotificationHook] {
        try readHooks(
            where: includingRemoved ? nil : "removed_at IS NULL", bind: { (_: SQLiteStatement) throws(SQLiteError) in }
        )
    }

    /// One hook by id (removed or not), or nil.
    package func notificationHook(id: Int64) throws(StoreError) -> NotificationHook? {
        try readHooks(
            where: "id = ?1",
            bind: { (statement: SQLiteStatement) throws(SQLiteError) in
                try statement.bind(id, at: 1)
            }
        ).first
    }

    /// Marks a hook removed and gives up its pending deliveries; false when there is no such active hook.
    package func removeNotificationHook(id: Int64, now: Timestamp) throws(StoreError) -> Bool {
        do {
            let remove = try connection.cachedStatement(
                "UPDATE notification_hook SET removed_at = ? WHERE id = ? AND removed_at IS NULL"
            )
            try remove.bind(now.seconds, at: 1)
            try remove.bind(id, at: 2)
            try remove.run()
            guard connection.changes > 0 else { return false }
            let cancel = try connection.cachedStatement(
                """
                UPDATE notification_delivery SET state = 'failed', next_attempt_at = NULL, last_error = 'hook removed'
                WHERE hook_id = ? AND state = 'pending'
                """
            )
            try cancel.bind(id, at: 1)
            try cancel.run()
            return true
        } catch {
            throw .sqlite(error)
        }
    }

    private func readHooks(
        where condition: String?, bind: (SQLiteStatement) throws(SQLiteError) -> Void
    ) throws(StoreError) -> [NotificationHook] {
        let sql =
            "SELECT id, kind, target, service, group_name, min_level, secret, created_at, removed_at, endpoint, mail_from"
            + " FROM notification_hook"
            + (condition.map { " WHERE " + $0 } ?? "") + " ORDER BY id"
        return try StoreError.catching("notification hook") {
            var hooks: [NotificationHook] = []
            let statement = try connection.cachedStatement(sql)
            try bind(statement)
            while try statement.step() {
                guard let kind = statement.text(at: 1).flatMap(NotificationHookKind.init(rawValue:)),
                    let target = statement.text(at: 2),
                    let level = statement.text(at: 5).flatMap(AlertLevel.init(rawValue:))
                else { throw StoreError.invalidStoredValue("notification hook \(statement.int64(at: 0))") }
                let service = try statement.text(at: 3).map { (text) throws(StoreError) -> ServiceSlug in
                    guard let slug = ServiceSlug(rawValue: text) else {
                        throw .invalidStoredValue("hook service \(text)")
                    }
                    return slug
                }
                hooks.append(
                    NotificationHook(
                        id: statement.int64(at: 0), kind: kind, target: target,
                        filter: NotificationFilter(service: service, group: statement.text(at: 4), minimumLevel: level),
                        secret: statement.text(at: 6), endpoint: statement.text(at: 9),
                        mailFrom: statement.text(at: 10),
                        createdAt: Timestamp(seconds: statement.int64(at: 7)),
                        removedAt: statement.isNull(at: 8) ? nil : Timestamp(seconds: statement.int64(at: 8))
                    )
                )
            }
            return hooks
        }
    }

    // MARK: - Outbox

    /// The stored status and level of the incidents among `ids` that exist (one query, whatever the count).
    package func storedIncidentStates(ids: [String]) throws(StoreError) -> [String: StoredIncidentState] {
        guard !ids.isEmpty else { return [:] }
        return try StoreError.catching("incident ids") {
            var states: [String: StoredIncidentState] = [:]
            let list = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
            let statement = try connection.cachedStatement(
                "SELECT id, status, level, region FROM incident WHERE id IN (SELECT value FROM json_each(?))"
            )
            try statement.bind(list, at: 1)
            while try statement.step() {
                guard let id = statement.text(at: 0),
                    let status = statement.text(at: 1).flatMap(IncidentStatus.init(rawValue:)),
                    let level = statement.text(at: 2).flatMap(AlertLevel.init(rawValue:)),
                    let region = statement.text(at: 3).flatMap({ try? Region.parseAllowingGlobal($0) })
                else { throw StoreError.invalidStoredValue("incident status, level or region") }
                states[id] = StoredIncidentState(status: status, level: level, region: region)
            }
            return states
        }
    }

    /// Puts events in the outbox, skipping any whose key is already there, and creates a pending delivery
    /// (due at `createdAt`) for every active hook whose filter matches each new event.
    ///
    /// - Parameter payload: builds the JSON body of a new event from its draft and its id (called once per new
    ///   event; the body is stored, so every retry sends the same bytes).
    /// - Returns: the events that were new.
    package func enqueueNotificationEvents(
        _ drafts: [NotificationEventDraft], createdAt: Timestamp,
        payload: (NotificationEventDraft, Int64) throws -> String
    ) throws -> [NotificationEvent] {
        guard !drafts.isEmpty else { return [] }
        let hooks = try notificationHooks()
        var groups: [ServiceSlug: String] = [:]
        for service in try services() { groups[service.slug] = service.group }
        var created: [NotificationEvent] = []
        do {
            let insert = try connection.cachedStatement(
                """
                INSERT INTO notification_event (key, kind, incident_id, service, level, occurred_at, created_at, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, '')
                ON CONFLICT (key) DO NOTHING
                RETURNING id
                """
            )
            for draft in drafts {
                try insert.bind(draft.key, at: 1)
                try insert.bind(draft.kind.rawValue, at: 2)
                try insert.bind(draft.incidentID, at: 3)
                try insert.bind(draft.service.rawValue, at: 4)
                try insert.bind(draft.level.rawValue, at: 5)
                try insert.bind(draft.occurredAt.seconds, at: 6)
                try insert.bind(createdAt.seconds, at: 7)
                let isNew = try insert.step()
                let id = insert.int64(at: 0)
                insert.reset()
                guard isNew else { continue }
                let body = try payload(draft, id)
                let update = try connection.cachedStatement("UPDATE notification_event SET payload = ? WHERE id = ?")
                try update.bind(body, at: 1)
                try update.bind(id, at: 2)
                try update.run()
                let matching = hooks.filter {
                    $0.filter.matches(service: draft.service, group: groups[draft.service], level: draft.level)
                }
                let deliver = try connection.cachedStatement(
                    """
                    INSERT INTO notification_delivery (event_id, hook_id, state, attempts, next_attempt_at)
                    VALUES (?, ?, 'pending', 0, ?)
                    """
                )
                for hook in matching {
                    try deliver.bind(id, at: 1)
                    try deliver.bind(hook.id, at: 2)
                    try deliver.bind(createdAt.seconds, at: 3)
                    try deliver.run()
                }
                created.append(
                    NotificationEvent(
                        id: id, key: draft.key, kind: draft.kind, incidentID: draft.incidentID, service: draft.service,
                        level: draft.level, occurredAt: draft.occurredAt, createdAt: createdAt, payload: body,
                        deliveries: matching.count
                    )
                )
            }
        } catch let error as SQLiteError {
            throw StoreError.sqlite(error)
        }
        return created
    }

    /// The newest events (most recently recorded first), with their payloads: for feeds and tests.
    package func recentNotificationEvents(limit: Int) throws(StoreError) -> [NotificationEvent] {
        return try StoreError.catching("notification event") {
            var events: [NotificationEvent] = []
            let statement = try connection.cachedStatement(
                """
                SELECT e.id, e.key, e.kind, e.incident_id, e.service, e.level, e.occurred_at, e.created_at, e.payload,
                    (SELECT COUNT(*) FROM notification_delivery d WHERE d.event_id = e.id)
                FROM notification_event e ORDER BY e.id DESC LIMIT ?
                """
            )
            try statement.bind(max(0, limit), at: 1)
            while try statement.step() {
                guard let key = statement.text(at: 1),
                    let kind = statement.text(at: 2).flatMap(NotificationEventKind.init(rawValue:)),
                    let incidentID = statement.text(at: 3),
                    let service = statement.text(at: 4).flatMap(ServiceSlug.init(rawValue:)),
                    let level = statement.text(at: 5).flatMap(AlertLevel.init(rawValue:)),
                    let payload = statement.text(at: 8)
                else { throw StoreError.invalidStoredValue("notification event \(statement.int64(at: 0))") }
                events.append(
                    NotificationEvent(
                        id: statement.int64(at: 0), key: key, kind: kind, incidentID: incidentID, service: service,
                        level: level, occurredAt: Timestamp(seconds: statement.int64(at: 6)),
                        createdAt: Timestamp(seconds: statement.int64(at: 7)), payload: payload,
                        deliveries: statement.int(at: 9)
                    )
                )
            }
            return events
        }
    }
}
