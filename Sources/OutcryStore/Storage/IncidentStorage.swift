package import OutcryModel

/// Incidents, group events and the detector's saved state.
package protocol IncidentStorage {
    /// Inserts or replaces `incidents` (by id).
    func saveIncidents(_ incidents: [Incident]) throws(StoreError)
    /// Inserts or replaces `events` (by id).
    func saveGroupEvents(_ events: [GroupEvent]) throws(StoreError)
    /// The incidents `query` selects, newest first.
    func incidents(_ query: IncidentQuery) throws(StoreError) -> [Incident]
    /// One incident by id.
    func incident(id: String) throws(StoreError) -> Incident?
    /// Group events overlapping `[since, until]`, newest first.
    func groupEvents(since: Timestamp?, until: Timestamp?, activeOnly: Bool) throws(StoreError) -> [GroupEvent]
    /// Deletes incidents and group events detected in `[from, to]` (before a replay re-detects them).
    func deleteDetections(detectedFrom from: Timestamp, to: Timestamp) throws(StoreError)
    /// The detector state saved by the last committed tick.
    func loadDetectorState() throws(StoreError) -> (lastTick: Timestamp, body: [UInt8])?
    /// Saves the detector state after the tick at `lastTick`.
    func saveDetectorState(lastTick: Timestamp, body: [UInt8]) throws(StoreError)
    /// Forgets the saved detector state (the next tick starts cold).
    func clearDetectorState() throws(StoreError)
}

extension IncidentStorage {
    /// Every stored incident, newest first.
    package func incidents() throws(StoreError) -> [Incident] { try incidents(IncidentQuery()) }

    /// Group events overlapping `[since, until]` (unbounded where nil), newest first.
    package func groupEvents(since: Timestamp? = nil, until: Timestamp? = nil) throws(StoreError) -> [GroupEvent] {
        try groupEvents(since: since, until: until, activeOnly: false)
    }
}
