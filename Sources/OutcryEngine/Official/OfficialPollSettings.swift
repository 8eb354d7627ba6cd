/// How often official status sources are read, and how the reads back off after failures.
package struct OfficialPollSettings: Sendable {
    /// Seconds between reads of a source that answers (2 minutes).
    package var intervalSeconds: Int64 = 120
    /// The longest wait between attempts, however many failed (1 hour).
    package var maximumBackoffSeconds: Int64 = 3600

    package init() {}

    /// Seconds to wait after the `failures`-th consecutive failure: the interval × 2^failures, capped at
    /// ``maximumBackoffSeconds`` (4, 8, 16, 32 minutes, then an hour with the defaults).
    package func retryDelaySeconds(afterFailures failures: Int) -> Int64 {
        let exponent = min(max(failures, 0), 30)
        let delay = intervalSeconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        return delay.overflow ? maximumBackoffSeconds : min(delay.partialValue, maximumBackoffSeconds)
    }
}
