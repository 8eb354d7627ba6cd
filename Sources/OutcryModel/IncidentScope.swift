/// How widely an incident reaches.
package enum IncidentScope: String, Codable, Sendable, CaseIterable {
    /// One region.
    case regional
    /// Several regions, but not the service as a whole.
    case multiRegion = "multi-region"
    /// The service's reports as a whole (the `global` series).
    case global
}
