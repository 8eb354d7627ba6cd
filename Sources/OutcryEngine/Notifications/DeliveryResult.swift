package import OutcryModel
package import OutcryStore

/// What became of one delivery after an attempt was recorded.
package struct DeliveryResult: Sendable, Equatable {
    package var eventID: Int64
    package var hookID: Int64
    package var eventKind: NotificationEventKind
    package var incidentID: String
    /// The attempt's number, from 1 (a deferred delivery keeps its number for next time).
    package var attempt: Int
    package var outcome: DeliveryOutcome
    /// The delivery's state now: `failed` after a permanent refusal or the last allowed attempt.
    package var state: DeliveryState
    /// When it is tried again, while pending.
    package var nextAttemptAt: Timestamp?

    package init(
        eventID: Int64, hookID: Int64, eventKind: NotificationEventKind, incidentID: String, attempt: Int,
        outcome: DeliveryOutcome, state: DeliveryState, nextAttemptAt: Timestamp?
    ) {
        self.eventID = eventID
        self.hookID = hookID
        self.eventKind = eventKind
        self.incidentID = incidentID
        self.attempt = attempt
        self.outcome = outcome
        self.state = state
        self.nextAttemptAt = nextAttemptAt
    }
}
