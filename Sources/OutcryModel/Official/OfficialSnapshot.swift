/// What one read of a status page said: the page, its components (when the documents list them) and its
/// incidents.
package struct OfficialSnapshot: Sendable, Equatable {
    package var page: OfficialPage?
    /// The components and their current status; nil when no document listed them (`incidents.json` alone),
    /// so "no components known" is not mistaken for "all components gone".
    package var components: [OfficialComponent]?
    /// Newest first (by creation), each id once.
    package var incidents: [OfficialIncident]

    package init(page: OfficialPage? = nil, components: [OfficialComponent]? = nil, incidents: [OfficialIncident] = [])
    {
        self.page = page
        self.components = components
        self.incidents = incidents
    }
}
