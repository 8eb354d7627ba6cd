package import OutcryModel

/// What several daemons sharing one store agree on: who detects, which minutes are committed, and how old raw
/// reports go.
///
/// On SQLite one daemon owns the file, so it always leads; on PostgreSQL a session advisory lock picks one
/// leader, and a leader that dies loses the lock with its connection, so another daemon takes over.
package protocol CoordinationStorage {
    /// Tries to become (or stay) the detector leader; true when this connection holds the lead.
    func tryAcquireDetectorLead() throws(StoreError) -> Bool

    /// Gives the lead up (on shutdown), so another daemon takes over at once.
    func releaseDetectorLead() throws(StoreError)

    /// Inside the tick's transaction: claims the detection of the minutes after `previous` (the last committed
    /// tick when the run started, see ``lastDetectorTick()``; nil when none was) up to `minute`. False when
    /// another daemon committed a tick since: the caller must roll back, so each minute's detection commits
    /// exactly once.
    func claimDetectorTick(minute: Int64, previous: Int64?, daemon: String, at now: Timestamp) throws(StoreError)
        -> Bool

    /// The newest committed detection tick (the saved detector state's), for the claim, `/readyz` and
    /// `outcry status`.
    func lastDetectorTick() throws(StoreError) -> DetectorTickRecord?

    /// Deletes the raw reports stored before `day` (the start of a UTC day; whole days only). The per-minute
    /// counts stay, so baselines, incidents and exports keep their history.
    func pruneReports(before day: Timestamp) throws(StoreError) -> PruneOutcome
}

/// One committed detection tick.
package struct DetectorTickRecord: Sendable, Equatable {
    /// The minute detection has run up to (epoch minutes).
    package var minute: Int64
    /// The daemon that committed it (nil where the backend does not record it).
    package var daemon: String?
    /// When it was committed.
    package var committedAt: Timestamp?

    package init(minute: Int64, daemon: String? = nil, committedAt: Timestamp? = nil) {
        self.minute = minute
        self.daemon = daemon
        self.committedAt = committedAt
    }
}

/// What `outcry prune` removed.
package struct PruneOutcome: Sendable, Equatable {
    /// Raw reports deleted.
    package var reports: Int
    /// Whole day partitions dropped (PostgreSQL); 0 on SQLite.
    package var partitions: Int

    package init(reports: Int, partitions: Int = 0) {
        self.reports = reports
        self.partitions = partitions
    }
}
