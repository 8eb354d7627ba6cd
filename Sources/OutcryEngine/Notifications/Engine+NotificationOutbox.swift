import Logging
package import OutcryDetection
package import OutcryModel
package import OutcryStore

extension Engine {
    /// Puts `changes` in the outbox with their payloads, and a pending delivery for each matching hook; changes
    /// already there (same key) are skipped, and so are the changes of expected incidents (detected in a quiet
    /// window: they never alert, whether opened, raised, acknowledged or resolved). Runs inside the caller's
    /// transaction.
    /// - Returns: the events that were new.
    @discardableResult
    package func enqueueNotifications(_ changes: [IncidentChange]) throws -> [NotificationEvent] {
        let changes = changes.filter { !$0.incident.expected }
        guard !changes.isEmpty else { return [] }
        var byKey: [String: IncidentChange] = [:]
        for change in changes where byKey[change.key] == nil { byKey[change.key] = change }
        let events = try storage.enqueueNotificationEvents(changes.map(\.draft), createdAt: clock.now()) { draft, id in
            guard let change = byKey[draft.key] else {
                throw EngineError.invalidArgument("no change for notification \(draft.key)")
            }
            return try NotificationPayload.json(for: change, eventID: id)
        }
        for event in events {
            logger.debug(
                "notification queued",
                metadata: [
                    "notification.event": "\(event.kind.rawValue)", "notification.id": "\(event.id)",
                    "incident.id": "\(event.incidentID)", "notification.deliveries": "\(event.deliveries)",
                ]
            )
        }
        return events
    }

    /// Records `acknowledged` events for the incidents among `incidents` that the official status page
    /// acknowledged (``OfficialAcknowledgement/Status/acknowledged``), each once (its key is
    /// `acknowledged:<incident id>`), skipping incidents whose resolution was decided longer than
    /// ``NotificationSettings/staleAfterSeconds`` before now. Call it after each official status sync with the
    /// incidents it updated (their `official` attached); log a failure rather than failing the sync.
    /// - Parameter detection: the detector's settings (when a resolution was decided).
    /// - Returns: the events that were new.
    @discardableResult
    package func enqueueAcknowledgements(
        _ incidents: [Incident], settings: NotificationSettings = NotificationSettings(),
        detection: DetectorSettings = DetectorSettings()
    ) throws(EngineError) -> [NotificationEvent] {
        let now = clock.now()
        let delay = Int64(detection.resolveAfterMinutes) * 60
        let changes = incidents.compactMap { IncidentChange.acknowledgement(of: $0, now: now) }
            .filter { $0.isCurrent(at: now, staleAfterSeconds: settings.staleAfterSeconds, resolveDelaySeconds: delay) }
        guard !changes.isEmpty else { return [] }
        return try store { database in
            try database.inTransaction { try self.enqueueNotifications(changes) }
        }
    }

    /// The newest notification events, most recently recorded first, with their payloads (for a feed).
    package func recentNotificationEvents(limit: Int) throws(EngineError) -> [NotificationEvent] {
        try store { try $0.recentNotificationEvents(limit: limit) }
    }

    /// Derives the changes of a live detection run (against the incidents' stored states) and puts the current
    /// ones in the outbox, inside the run's transaction but under a savepoint: a failure here is logged and
    /// undone, and never stops detection from saving its incidents.
    /// - Returns: how many events were new (0 when recording failed).
    @discardableResult
    func enqueueNotifications(of run: DetectionRun, settings: NotificationSettings, detection: DetectorSettings) -> Int
    {
        guard !run.changedIncidents.isEmpty, let lastTick = run.lastTick else { return 0 }
        do {
            return try storage.withSavepoint("notifications") {
                let previous = try storage.storedIncidentStates(ids: run.changedIncidents.map(\.id))
                let changes = run.changedIncidents.flatMap { incident in
                    IncidentChange.changes(from: previous[incident.id], to: incident, observedAt: lastTick)
                }
                .filter {
                    $0.isCurrent(
                        at: lastTick, staleAfterSeconds: settings.staleAfterSeconds,
                        resolveDelaySeconds: Int64(detection.resolveAfterMinutes) * 60
                    )
                }
                return try enqueueNotifications(changes).count
            }
        } catch {
            logger.warning("could not queue notifications; detection goes on", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
