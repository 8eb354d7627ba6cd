import Logging
package import OutcryStore

extension Engine {
    /// The feed entries of notification events: each event's incident as it stood when the change was recorded
    /// (read back from the stored payload). An event whose payload cannot be read is left out and logged.
    package func feedEntries(_ events: [NotificationEvent]) throws(EngineError) -> [IncidentFeedEntry] {
        events.compactMap { event in
            do {
                let incident = try StoredBody.incident(Array(event.payload.utf8))
                return IncidentFeedEntry(
                    eventID: event.id, kind: event.kind.rawValue, occurredAt: event.occurredAt, incident: incident)
            } catch {
                logger.warning(
                    "notification event payload unreadable; left out of the feed",
                    metadata: ["notification.id": "\(event.id)", "error": "\(error)"])
                return nil
            }
        }
    }
}
