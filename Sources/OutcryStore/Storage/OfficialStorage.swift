package import OutcryModel

/// Official status pages linked to services, and what was read from them.
package protocol OfficialStorage {
    /// Links (or relinks) a service's status page.
    func saveOfficialSource(_ source: OfficialSource) throws(StoreError) -> OfficialSourceChange
    /// Unlinks a service's status page; false when none was linked.
    func removeOfficialSource(service: ServiceSlug) throws(StoreError) -> Bool
    /// Every linked status page.
    func officialSources() throws(StoreError) -> [OfficialSource]
    /// One service's status page.
    func officialSource(service: ServiceSlug) throws(StoreError) -> OfficialSource?
    /// Stores what a read of the page found; nil when the source was unlinked meanwhile.
    func recordOfficialSnapshot(
        _ snapshot: OfficialSnapshot, service: ServiceSlug, at now: Timestamp, nextAttemptAt: Timestamp
    ) throws(StoreError) -> OfficialSnapshotRecord?
    /// Records a failed read; false when the source was unlinked meanwhile.
    func recordOfficialFailure(service: ServiceSlug, error message: String, at now: Timestamp, nextAttemptAt: Timestamp)
        throws(StoreError) -> Bool
    /// The page's incidents overlapping `[from, to]` (unbounded where nil).
    func officialIncidents(service: ServiceSlug, from: Timestamp?, to: Timestamp?) throws(StoreError)
        -> [OfficialIncident]
    /// The components' current states.
    func officialComponentStates(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState]
    /// Every recorded state change of the components.
    func officialComponentHistory(service: ServiceSlug) throws(StoreError) -> [OfficialComponentState]
}

extension OfficialStorage {
    /// Every stored incident of the service's page.
    package func officialIncidents(service: ServiceSlug) throws(StoreError) -> [OfficialIncident] {
        try officialIncidents(service: service, from: nil, to: nil)
    }
}
