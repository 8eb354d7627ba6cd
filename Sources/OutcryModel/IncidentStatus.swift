/// Whether an incident is still going on.
package enum IncidentStatus: String, Codable, Sendable, CaseIterable {
    case open
    case resolved
}
