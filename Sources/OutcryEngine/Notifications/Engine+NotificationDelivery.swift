import Logging
package import OutcryModel
package import OutcryStore

extension Engine {
    /// Takes the deliveries due at `now` (at most `limit`, default ``NotificationSettings/batchSize``) and holds
    /// them for ``NotificationSettings/claimSeconds`` so no other sender takes them meanwhile. Send them with a
    /// ``NotificationSender`` (off the database thread), then ``recordDeliveries(_:settings:)``.
    package func dueDeliveries(
        now: Timestamp, limit: Int? = nil, settings: NotificationSettings = NotificationSettings()
    )
        throws(EngineError) -> [DueDelivery]
    {
        try store { database in
            try database.inTransaction {
                try database.claimDueDeliveries(
                    now: now, limit: limit ?? settings.batchSize, claimUntil: now.adding(seconds: settings.claimSeconds)
                )
            }
        }
    }

    /// Stores what the attempts did, in one transaction: delivered; a retry scheduled after 30 s × 2^(attempt − 1)
    /// (capped at an hour, later if the receiver asked with `Retry-After`), or `failed` once
    /// ``NotificationSettings/maximumAttempts`` are used up; failed for good; or, for a deferred delivery, due
    /// again right after the hook's earlier event. Every attempt gets a row in the delivery log.
    @discardableResult
    package func recordDeliveries(_ sent: [SentNotification], settings: NotificationSettings = NotificationSettings())
        throws(EngineError) -> [DeliveryResult]
    {
        guard !sent.isEmpty else { return [] }
        let results = try store { database in
            try database.inTransaction {
                try sent.map { sent throws(StoreError) -> DeliveryResult in
                    try self.record(sent, settings: settings, in: database)
                }
            }
        }
        // The caller reports the results; these are for debugging the schedule.
        for result in results where result.outcome.isFailure {
            logger.debug(
                result.state == .failed
                    ? "notification delivery failed for good" : "notification delivery will be retried",
                metadata: [
                    "notification.id": "\(result.eventID)", "notification.hook": "\(result.hookID)",
                    "notification.attempt": "\(result.attempt)", "error": "\(result.outcome.error ?? "")",
                ]
            )
        }
        return results
    }

    /// Records one attempt; see ``recordDeliveries(_:settings:)``.
    @discardableResult
    package func recordDelivery(_ sent: SentNotification, settings: NotificationSettings = NotificationSettings())
        throws(EngineError) -> DeliveryResult
    {
        guard let result = try recordDeliveries([sent], settings: settings).first else {
            throw .invalidArgument("no delivery recorded")
        }
        return result
    }

    /// Delivers what is due now, in batches until nothing is due, and records every attempt: `outcry notify
    /// deliver` for cron setups without the daemon. The daemon does the same in three steps, so it never waits
    /// on a receiver while holding the database.
    package func deliverDueNotifications(
        sender: NotificationSender, settings: NotificationSettings = NotificationSettings()
    ) async throws(EngineError) -> [DeliveryResult] {
        var results: [DeliveryResult] = []
        // Bounded: a receiver that keeps asking for an immediate retry cannot hold the command forever.
        for _ in 0..<Self.maximumDeliveryRounds {
            let due = try dueDeliveries(now: clock.now(), settings: settings)
            guard !due.isEmpty else { break }
            let sent = await sender.send(due)
            results += try recordDeliveries(sent, settings: settings)
        }
        return results
    }

    /// Sends the `notify test` message to one active hook now; nothing is stored.
    package func sendTestNotification(hookID: Int64, sender: NotificationSender) async throws(EngineError)
        -> DeliveryOutcome
    {
        let hook = try notificationHook(id: hookID)
        let names = try store { try $0.services() }
        let now = clock.now()
        var message = OutgoingNotification.test(to: hook, now: now)
        if let service = hook.filter.service { message.serviceName = names.first { $0.slug == service }?.name }
        let outcome = await sender.send(message).outcome
        guard hook.kind == .pagerduty, case .delivered = outcome else { return outcome }
        // Resolve the test alert at once, so a test leaves nothing open in PagerDuty.
        var resolve = OutgoingNotification.test(to: hook, now: now, resolved: true)
        resolve.serviceName = message.serviceName
        return await sender.send(resolve).outcome
    }

    /// Batches `deliverDueNotifications` takes at most in one call.
    static let maximumDeliveryRounds = 20

    private func record(_ sent: SentNotification, settings: NotificationSettings, in database: any OutcryStorage)
        throws(StoreError) -> DeliveryResult
    {
        let delivery = sent.delivery
        var result = DeliveryResult(
            eventID: delivery.eventID, hookID: delivery.hookID, eventKind: delivery.eventKind,
            incidentID: delivery.incidentID, attempt: delivery.attempt, outcome: sent.outcome, state: .pending,
            nextAttemptAt: nil
        )
        var logged: AttemptOutcome
        var error = sent.outcome.error
        switch sent.outcome {
        case .deferred:
            // Due at once, but held back while the hook's earlier event waits for its retry.
            try database.deferDelivery(eventID: delivery.eventID, hookID: delivery.hookID, until: sent.at)
            result.nextAttemptAt = sent.at
            return result
        case .delivered:
            logged = .delivered
            result.state = .delivered
        case .failed:
            logged = .failed
            result.state = .failed
        case .retry(_, let message, let retryAfter):
            if delivery.attempt >= settings.maximumAttempts {
                logged = .failed
                result.state = .failed
                error = "\(message) (gave up after \(delivery.attempt) attempts)"
            } else {
                logged = .retry
                let backoff = settings.backoffSeconds(afterAttempt: delivery.attempt)
                let asked = min(retryAfter ?? 0, settings.maximumBackoffSeconds)
                result.nextAttemptAt = sent.at.adding(seconds: max(backoff, asked))
            }
        }
        try database.recordDeliveryAttempt(
            DeliveryAttemptRecord(
                eventID: delivery.eventID, hookID: delivery.hookID, attempt: delivery.attempt, at: sent.at,
                outcome: logged, nextAttemptAt: result.nextAttemptAt, httpStatus: sent.outcome.httpStatus, error: error,
                durationMilliseconds: sent.durationMilliseconds
            )
        )
        return result
    }
}
