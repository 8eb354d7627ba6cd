package import OutcryModel
package import OutcryStore

/// How one read of an official source went, as recorded (for `outcry official sync` and the daemon's log).
package struct OfficialSyncResult: Sendable, Equatable {
    package enum Outcome: Sendable, Equatable {
        /// The read succeeded and its incidents and component changes were stored.
        case stored(OfficialSnapshotRecord)
        /// The read failed; earlier reads' data is kept and the source is retried at ``nextAttemptAt``.
        case failed(reason: String, consecutiveFailures: Int)
    }

    package var service: ServiceSlug
    package var location: String
    package var outcome: Outcome
    package var nextAttemptAt: Timestamp
    /// Why entries of a read page were skipped (``OfficialSnapshot/problems``): remote text, sanitise it
    /// before printing it to a terminal.
    package var skipped: [String]
    /// How many entries were skipped in all (may exceed `skipped.count`).
    package var skippedCount: Int
    /// What the read's scheduled maintenances changed in the service's quiet windows.
    package var quietWindows: QuietWindowSyncRecord

    package init(
        service: ServiceSlug, location: String, outcome: Outcome, nextAttemptAt: Timestamp, skipped: [String] = [],
        skippedCount: Int? = nil, quietWindows: QuietWindowSyncRecord = QuietWindowSyncRecord()
    ) {
        self.quietWindows = quietWindows
        self.service = service
        self.location = location
        self.outcome = outcome
        self.nextAttemptAt = nextAttemptAt
        self.skipped = skipped
        self.skippedCount = skippedCount ?? skipped.count
    }

    package var isSuccess: Bool {
        if case .stored = outcome { return true }
        return false
    }
}
