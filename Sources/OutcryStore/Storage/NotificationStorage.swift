package import OutcryModel

/// Notification hooks, the outbox of events and their deliveries.
package protocol NotificationStorage {
    /// Adds a hook.
    func addNotificationHook(_ hook: NewNotificationHook, now: Timestamp) throws(StoreError) -> NotificationHook
    /// Every hook, the removed ones too when asked.
    func notificationHooks(includingRemoved: Bool) throws(StoreError) -> [NotificationHook]
    /// One hook by id.
    func notificationHook(id: Int64) throws(StoreError) -> NotificationHook?
    /// Removes a hook; false when there was none.
    func removeNotificationHook(id: Int64, now: Timestamp) throws(StoreError) -> Bool
    /// The notified state of each incident in `ids` (absent: never notified).
    func storedIncidentStates(ids: [String]) throws(StoreError) -> [String: StoredIncidentState]
    /// Puts events in the outbox; `payload` renders each event's body once its id is known.
    func enqueueNotificationEvents(
        _ drafts: [NotificationEventDraft], createdAt: Timestamp,
        payload: (NotificationEventDraft, Int64) throws -> String
    ) throws -> [NotificationEvent]
    /// The newest events, most recent first.
    func recentNotificationEvents(limit: Int) throws(StoreError) -> [NotificationEvent]
    /// Claims up to `limit` deliveries due at `now` until `claimUntil` (other deliverers skip them meanwhile).
    func claimDueDeliveries(now: Timestamp, limit: Int, claimUntil: Timestamp) throws(StoreError) -> [DueDelivery]
    /// Records one delivery attempt and what follows from it.
    func recordDeliveryAttempt(_ record: DeliveryAttemptRecord) throws(StoreError)
    /// Puts a delivery off until `until` (a quiet window, say).
    func deferDelivery(eventID: Int64, hookID: Int64, until: Timestamp) throws(StoreError)
    /// The newest delivery attempts (of one hook when given).
    func notificationAttempts(limit: Int, hookID: Int64?) throws(StoreError) -> [NotificationAttempt]
    /// Each delivery's state (of one hook when given).
    func notificationDeliveries(hookID: Int64?) throws(StoreError) -> [NotificationDeliveryStatus]
}

extension NotificationStorage {
    /// The hooks in use.
    package func notificationHooks() throws(StoreError) -> [NotificationHook] {
        try notificationHooks(includingRemoved: false)
    }

    /// The newest delivery attempts of every hook.
    package func notificationAttempts(limit: Int) throws(StoreError) -> [NotificationAttempt] {
        try notificationAttempts(limit: limit, hookID: nil)
    }

    /// Every delivery's state.
    package func notificationDeliveries() throws(StoreError) -> [NotificationDeliveryStatus] {
        try notificationDeliveries(hookID: nil)
    }
}
