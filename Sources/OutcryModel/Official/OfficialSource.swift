/// The format of an official status source.
package enum OfficialSourceKind: String, Codable, Sendable, CaseIterable {
    /// Atlassian Statuspage v2 (`/api/v2/summary.json`, `/api/v2/incidents.json`), used by most providers.
    case statuspage
}

/// A monitored service's link to its provider's official status page, and how the last reads of it went.
package struct OfficialSource: Sendable, Equatable {
    package var service: ServiceSlug
    package var kind: OfficialSourceKind
    /// An http(s) URL (a page root or a `.json` document) or a file path, as the user gave it.
    package var location: String
    /// Only official incidents naming this component (by name or id), or naming none, concern the service;
    /// nil for the whole page.
    package var component: String?
    package var addedAt: Timestamp
    package var lastAttemptAt: Timestamp?
    package var lastSuccessAt: Timestamp?
    /// Why the last attempt failed; nil after a success.
    package var lastError: String?
    /// Failed attempts since the last success (drives the backoff).
    package var consecutiveFailures: Int
    /// When the source should be read next; nil when it has never been tried (due at once).
    package var nextAttemptAt: Timestamp?

    package init(
        service: ServiceSlug, kind: OfficialSourceKind = .statuspage, location: String, component: String? = nil,
        addedAt: Timestamp, lastAttemptAt: Timestamp? = nil, lastSuccessAt: Timestamp? = nil, lastError: String? = nil,
        consecutiveFailures: Int = 0, nextAttemptAt: Timestamp? = nil
    ) {
        self.service = service
        self.kind = kind
        self.location = location
        self.component = component
        self.addedAt = addedAt
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextAttemptAt = nextAttemptAt
    }

    /// Whether the source should be read at `now`.
    package func isDue(at now: Timestamp) -> Bool { nextAttemptAt.map { $0 <= now } ?? true }
}
