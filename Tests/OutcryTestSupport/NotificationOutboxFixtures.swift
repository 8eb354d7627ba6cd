import Logging
package import OutcryEngine
package import OutcryModel
package import OutcryStore

/// Puts events in an engine's outbox without running detection.
package enum NotificationFixtures {
    /// Records the `opened` event of `incident` (and its deliveries) in one transaction.
    @discardableResult
    package static func enqueueOpened(_ incident: Incident, in engine: Engine) throws -> [NotificationEvent] {
        let change = IncidentChange(kind: .opened, incident: incident, occurredAt: incident.detectedAt)
        return try engine.storage.inTransaction { try engine.enqueueNotifications([change]) }
    }

    /// Opens an engine on `path` with `clock`, runs `body`, closes it.
    package static func withEngine<T>(path: String, clock: any TimeSource, _ body: (Engine) throws -> T) throws -> T {
        let engine = try Engine(
            path: path, clock: clock, logger: Logger(label: "outcry-test") { _ in SwiftLogNoOpLogHandler() })
        defer { engine.close() }
        return try body(engine)
    }
}
