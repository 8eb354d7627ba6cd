package import OutcryModel

/// What one detection run (a live tick with catch-up, or a replay) did.
package struct DetectionRun: Sendable {
    /// The first and last tick evaluated; nil when there was nothing to evaluate.
    package var firstTick: Timestamp?
    package var lastTick: Timestamp?
    /// One-minute ticks evaluated.
    package var ticks: Int = 0
    /// Incidents opened, updated or resolved during the run, in their latest state, by id.
    package var changedIncidents: [Incident] = []
    package var changedGroupEvents: [GroupEvent] = []
    /// State changes put in the notification outbox (live detection only; a replay announces nothing).
    package var queuedNotifications = 0

    package init() {}
}
