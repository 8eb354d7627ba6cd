package import OutcryModel

/// A span in which a service is known to have had an outage: the label `outcry evaluate` scores incidents
/// against.
///
/// A window without a region is found by a service-wide (global) incident; a window with a region by an incident
/// of that region or a global one whose regions list it.
package struct LabelWindow: Sendable, Hashable {
    package var service: ServiceSlug
    /// Nil for the service as a whole.
    package var region: Region?
    package var start: Timestamp
    /// Inclusive; never before ``start``.
    package var end: Timestamp

    package init(service: ServiceSlug, region: Region? = nil, start: Timestamp, end: Timestamp) {
        self.service = service
        self.region = region
        self.start = start
        self.end = end
    }

    /// Whether `instant` lies in `[start, end]`.
    package func contains(_ instant: Timestamp) -> Bool { start <= instant && instant <= end }

    /// Whether `incident` is one this window is looking for (ignoring time).
    package func isMatched(by incident: Incident) -> Bool {
        guard incident.service == service else { return false }
        guard let region else { return incident.region.isGlobal }
        return incident.region == region || (incident.region.isGlobal && incident.regions.contains(region))
    }
}
