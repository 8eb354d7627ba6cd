package import OutcryModel

/// What changed during one `Detector.tick(at:counts:services:quietWindows:)` call.
package struct TickOutcome: Sendable {
    /// Every incident opened, updated (peak, level, totals…) or resolved during the tick, in its new state.
    package var changedIncidents: [Incident]
    /// Every group event opened, updated or resolved during the tick, in its new state.
    package var changedGroupEvents: [GroupEvent]

    package init(changedIncidents: [Incident] = [], changedGroupEvents: [GroupEvent] = []) {
        self.changedIncidents = changedIncidents
        self.changedGroupEvents = changedGroupEvents
    }
}
