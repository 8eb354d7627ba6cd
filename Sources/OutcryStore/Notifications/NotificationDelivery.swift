package import OutcryModel

/// Where one event stands with one hook.
package enum DeliveryState: String, Sendable, CaseIterable {
    /// Waiting for its first or next attempt.
    case pending
    case delivered
    /// Given up: a permanent refusal, too many attempts, or the hook was removed.
    case failed
}

/// What one attempt ended in, as the delivery log records it.
package enum AttemptOutcome: String, Sendable, CaseIterable {
    case delivered
    /// Failed for now; another attempt is scheduled.
    case retry
    /// Failed for good.
    case failed
}

/// A delivery that is due, with everything a sender needs, so sending never touches the database.
package struct DueDelivery: Sendable, Equatable {
    package var eventID: Int64
    package var hookID: Int64
    /// The number of this attempt, from 1.
    package var attempt: Int
    package var hookKind: NotificationHookKind
    /// The hook's target: URL, command, routing key or recipients.
    package var target: String
    package var secret: String?
    /// The hook's PagerDuty Events API URL or sendmail program.
    package var endpoint: String?
    /// The hook's email From address.
    package var mailFrom: String?
    package var eventKind: NotificationEventKind
    package var incidentID: String
    package var service: ServiceSlug
    /// The service's display name (nil when the service is gone).
    package var serviceName: String?
    package var level: AlertLevel
    package var payload: String

    package init(
        eventID: Int64, hookID: Int64, attempt: Int, hookKind: NotificationHookKind, target: String, secret: String?,
        endpoint: String? = nil, mailFrom: String? = nil, eventKind: NotificationEventKind, incidentID: String,
        service: ServiceSlug, serviceName: String? = nil, level: AlertLevel, payload: String
    ) {
        self.eventID = eventID
        self.hookID = hookID
        self.attempt = attempt
        self.hookKind = hookKind
        self.target = target
        self.secret = secret
        self.endpoint = endpoint
        self.mailFrom = mailFrom
        self.eventKind = eventKind
        self.incidentID = incidentID
        self.service = service
        self.serviceName = serviceName
        self.level = level
        self.payload = payload
    }
}

/// The result of one attempt, to store: the delivery's new state and the log row.
package struct DeliveryAttemptRecord: Sendable, Equatable {
    package var eventID: Int64
    package var hookID: Int64
    package var attempt: Int
    package var at: Timestamp
    package var outcome: AttemptOutcome
    /// When to try again (`retry` only).
    package var nextAttemptAt: Timestamp?
    package var httpStatus: Int?
    package var error: String?
    package var durationMilliseconds: Int64

    package init(
        eventID: Int64, hookID: Int64, attempt: Int, at: Timestamp, outcome: AttemptOutcome, nextAttemptAt: Timestamp?,
        httpStatus: Int?, error: String?, durationMilliseconds: Int64
    ) {
        self.eventID = eventID
        self.hookID = hookID
        self.attempt = attempt
        self.at = at
        self.outcome = outcome
        self.nextAttemptAt = nextAttemptAt
        self.httpStatus = httpStatus
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}

/// One row of the delivery log (`outcry notify log`), with the event it was for.
package struct NotificationAttempt: Sendable, Equatable {
    package var eventID: Int64
    package var hookID: Int64
    package var attempt: Int
    package var at: Timestamp
    package var outcome: AttemptOutcome
    package var httpStatus: Int?
    package var error: String?
    package var durationMilliseconds: Int64
    package var eventKind: NotificationEventKind
    package var incidentID: String

    package init(
        eventID: Int64, hookID: Int64, attempt: Int, at: Timestamp, outcome: AttemptOutcome, httpStatus: Int?,
        error: String?, durationMilliseconds: Int64, eventKind: NotificationEventKind, incidentID: String
    ) {
        self.eventID = eventID
        self.hookID = hookID
        self.attempt = attempt
        self.at = at
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.error = error
        self.durationMilliseconds = durationMilliseconds
        self.eventKind = eventKind
        self.incidentID = incidentID
    }
}

/// A delivery row as stored (tests, `outcry notify list` counts).
package struct NotificationDeliveryStatus: Sendable, Equatable {
    package var eventID: Int64
    package var hookID: Int64
    package var state: DeliveryState
    package var attempts: Int
    package var nextAttemptAt: Timestamp?
    package var lastStatus: Int?
    package var lastError: String?
    package var deliveredAt: Timestamp?

    package init(
        eventID: Int64, hookID: Int64, state: DeliveryState, attempts: Int, nextAttemptAt: Timestamp?, lastStatus: Int?,
        lastError: String?, deliveredAt: Timestamp?
    ) {
        self.eventID = eventID
        self.hookID = hookID
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}
