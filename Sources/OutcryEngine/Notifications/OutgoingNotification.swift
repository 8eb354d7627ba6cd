package import OutcryModel
package import OutcryStore

/// One message to one hook, as the transports see it: a due delivery, or a `notify test` message.
package struct OutgoingNotification: Sendable, Equatable {
    /// `opened`, `level_raised`, `widened`, `resolved`, `acknowledged`, or `test`.
    package var event: String
    /// The outbox event id (0 for a test): receivers deduplicate on it (`X-Outcry-Delivery`).
    package var eventID: Int64
    package var hookID: Int64
    /// The number of this attempt, from 1.
    package var attempt: Int
    package var hookKind: NotificationHookKind
    /// The hook's target: URL, command, PagerDuty routing key or email recipients.
    package var target: String
    package var secret: String?
    /// The hook's PagerDuty Events API URL or sendmail program.
    package var endpoint: String?
    /// The hook's email From address.
    package var mailFrom: String?
    package var incidentID: String?
    package var service: String?
    /// The service's display name, for native notifiers.
    package var serviceName: String?
    package var level: String?
    /// The JSON body: the generic webhook and exec hooks send it as is; native notifiers render from it.
    package var payload: String

    package init(
        event: String, eventID: Int64, hookID: Int64, attempt: Int, hookKind: NotificationHookKind, target: String,
        secret: String?, endpoint: String? = nil, mailFrom: String? = nil, incidentID: String?, service: String?,
        serviceName: String? = nil, level: String?, payload: String
    ) {
        self.event = event
        self.eventID = eventID
        self.hookID = hookID
        self.attempt = attempt
        self.hookKind = hookKind
        self.target = target
        self.secret = secret
        self.endpoint = endpoint
        self.mailFrom = mailFrom
        self.incidentID = incidentID
        self.service = service
        self.serviceName = serviceName
        self.level = level
        self.payload = payload
    }

    /// The message of a due delivery.
    package init(_ delivery: DueDelivery) {
        self.init(
            event: delivery.eventKind.rawValue, eventID: delivery.eventID, hookID: delivery.hookID,
            attempt: delivery.attempt, hookKind: delivery.hookKind, target: delivery.target, secret: delivery.secret,
            endpoint: delivery.endpoint, mailFrom: delivery.mailFrom, incidentID: delivery.incidentID,
            service: delivery.service.rawValue, serviceName: delivery.serviceName, level: delivery.level.rawValue,
            payload: delivery.payload
        )
    }

    /// The `notify test` message for `hook`: for webhooks and exec hooks the `"event": "test"` body about no
    /// incident; for native notifiers a sample unofficial incident (marked as a test everywhere), rendered
    /// like a real one.
    /// - Parameter resolved: the sample incident has ended (PagerDuty's test resolves the alert it raised).
    package static func test(to hook: NotificationHook, now: Timestamp, resolved: Bool = false) -> OutgoingNotification
    {
        let payload: String
        var incidentID: String? = nil
        switch hook.kind {
        case .webhook, .exec:
            payload = NotificationPayload.test(hookID: hook.id, now: now)
        case .slack, .teams, .discord, .googlechat, .pagerduty, .email:
            if let sample = NotificationPayload.sampleIncident(
                hookID: hook.id, service: hook.filter.service, now: now, resolved: resolved)
            {
                incidentID = sample.id
                payload = NotificationPayload.sample(sample)
            } else {
                payload = NotificationPayload.test(hookID: hook.id, now: now)
            }
        }
        return OutgoingNotification(
            event: "test", eventID: 0, hookID: hook.id, attempt: 1, hookKind: hook.kind, target: hook.target,
            secret: hook.secret, endpoint: hook.endpoint, mailFrom: hook.mailFrom, incidentID: incidentID,
            service: nil, serviceName: hook.filter.service == nil ? "Example service" : nil, level: nil,
            payload: payload
        )
    }
}
