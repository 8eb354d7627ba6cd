package import OutcryModel

/// Quiet windows: planned events (launches, maintenance) whose surges are expected, not alarms.
package protocol QuietWindowStorage {
    /// Stores a window; returns it with its id.
    func addQuietWindow(_ window: QuietWindow) throws(StoreError) -> QuietWindow
    /// The windows of one service (every service's when nil).
    func quietWindows(service: ServiceSlug?) throws(StoreError) -> [QuietWindow]
    /// The windows that overlap `[from, to]`.
    func quietWindows(overlappingFrom from: Timestamp, to: Timestamp) throws(StoreError) -> [QuietWindow]
    /// One window by id.
    func quietWindow(id: Int64) throws(StoreError) -> QuietWindow?
    /// Removes a window; false when there was none.
    func removeQuietWindow(id: Int64) throws(StoreError) -> Bool
    /// Replaces a service's windows taken from its status page's scheduled maintenances.
    func syncOfficialQuietWindows(service: ServiceSlug, windows: [QuietWindow], now: Timestamp) throws(StoreError)
        -> QuietWindowSyncRecord
    /// Removes a service's status-page windows that start after `now`; returns how many.
    func removeOfficialQuietWindows(service: ServiceSlug, startingAfter now: Timestamp) throws(StoreError) -> Int
}

extension QuietWindowStorage {
    /// Every service's quiet windows.
    package func quietWindows() throws(StoreError) -> [QuietWindow] { try quietWindows(service: nil) }
}
