/// How notifications are enqueued and retried. Defaults live here; tests change a copy.
package struct NotificationSettings: Sendable, Equatable {
    /// Changes of incidents whose resolution was decided more than this long before the run's last tick (or,
    /// for official acknowledgements, before now) are not announced: catching up a backlog after downtime, or
    /// the first run over imported history, must not page anyone about outages long over. An incident still
    /// open is always announced, however long ago it was detected: it is news now. See
    /// ``IncidentChange/isCurrent(at:staleAfterSeconds:resolveDelaySeconds:)``.
    package var staleAfterSeconds: Int64 = 60 * 60
    /// The wait after a first failed attempt; it doubles with every further failure.
    package var initialBackoffSeconds: Int64 = 30
    /// The longest wait between attempts.
    package var maximumBackoffSeconds: Int64 = 60 * 60
    /// Attempts before a delivery is given up (`failed`).
    package var maximumAttempts = 8
    /// How long a sender holds the deliveries it took before another sender may take them (longer than a
    /// batch of sends can take).
    package var claimSeconds: Int64 = 10 * 60
    /// Deliveries taken at once.
    package var batchSize = 50

    package init() {}

    /// Seconds to wait after failed attempt number `attempt` (1-based): 30 s × 2^(attempt − 1), capped.
    package func backoffSeconds(afterAttempt attempt: Int) -> Int64 {
        let doublings = max(0, min(attempt - 1, 40))
        let wait = initialBackoffSeconds.multipliedReportingOverflow(by: Int64(1) << doublings)
        return wait.overflow ? maximumBackoffSeconds : min(wait.partialValue, maximumBackoffSeconds)
    }
}
