package import OutcryModel
package import OutcryStore

/// One message to one hook, as the transports see it: a due delivery, or a `notify test` message.
package struct OutgoingNotification: Sendable, Equatable {
    /// `opened`, `level_raised`, `resolved`, `acknowledged`, or `test`.
    package var event: String
    /// The outbox event id (0 for a test): receivers deduplicate on it (`X-Outcry-Delivery`).
    package var eventID: Int64
    package var hookID: Int64
    /// The number of this attempt, from 1.
    package var attempt: Int
    package var hookKind: NotificationHookKind
    /// The webhook URL or the shell command.
    package var target: String
    package var secret: String?
    package var incidentID: String?
    package var service: String?
    package var level: String?
    /// The JSON body.
    package var payload: String

    package init(
        event: String, eventID: Int64, hookID: Int64, attempt: Int, hookKind: NotificationHookKind, target: String,
        secret: String?, incidentID: String?, service: String?, level: String?, payload: String
    ) {
        self.event = event
        self.eventID = eventID
        self.hookID = hookID
        self.attempt = attempt
        self.hookKind = hookKind
        self.target = target
        self.secret = secret
        self.incidentID = incidentID
        self.service = service
        self.level = level
        self.payload = payload
    }

    /// The message of a due delivery.
    package init(_ delivery: DueDelivery) {
        self.init(
            event: delivery.eventKind.rawValue, eventID: delivery.eventID, hookID: delivery.hookID,
            attempt: delivery.attempt, hookKind: delivery.hookKind, target: delivery.target, secret: delivery.secret,
            incidentID: delivery.incidentID, service: delivery.service.rawValue, level: delivery.level.rawValue,
            payload: delivery.payload
        )
    }

    /// The `notify test` message for `hook`.
    package static func test(to hook: NotificationHook, now: Timestamp) -> OutgoingNotification {
        OutgoingNotification(
            event: "test", eventID: 0, hookID: hook.id, attempt: 1, hookKind: hook.kind, target: hook.target,
            secret: hook.secret, incidentID: nil, service: nil, level: nil,
            payload: NotificationPayload.test(hookID: hook.id, now: now)
        )
    }
}
