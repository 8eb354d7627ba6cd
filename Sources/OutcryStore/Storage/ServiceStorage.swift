package import OutcryModel

/// The monitored services.
package protocol ServiceStorage {
    /// Adds `service`, or confirms it when it exists with the same values.
    func addService(_ service: MonitoredService, now: Timestamp) throws(StoreError) -> ServiceAddOutcome
    /// Every monitored service, by slug.
    func services() throws(StoreError) -> [MonitoredService]
    /// One service, or nil when it is not monitored.
    func service(_ slug: ServiceSlug) throws(StoreError) -> MonitoredService?
    /// Sets one service's sensitivity (every service's when `slug` is nil); returns the previous one.
    func setSensitivity(_ sensitivity: Sensitivity, of slug: ServiceSlug?) throws(StoreError) -> Sensitivity?
    /// How many reports are stored for a service.
    func reportCount(of slug: ServiceSlug) throws(StoreError) -> Int
    /// Removes a service (with its reports when `withReports`); returns how many reports went with it.
    func removeService(_ slug: ServiceSlug, withReports: Bool) throws(StoreError) -> Int
}

/// API tokens (only their SHA-256 is stored).
package protocol TokenStorage {
    /// Stores a new token.
    func addAPIToken(name: String, hash: [UInt8], isRelay: Bool, reportsPerSecond: Double?, now: Timestamp)
        throws(StoreError) -> APIToken
    /// Every token, the revoked ones too when asked.
    func apiTokens(includingRevoked: Bool) throws(StoreError) -> [APIToken]
    /// One token by name.
    func apiToken(named name: String) throws(StoreError) -> APIToken?
    /// Revokes a token; false when there was none by that name (or it was revoked already).
    func revokeAPIToken(named name: String, now: Timestamp) throws(StoreError) -> Bool
}
