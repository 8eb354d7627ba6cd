/// What one read of a status page said: the page, its components (when the documents list them) and its
/// incidents, and the entries that were left out because they were not valid.
package struct OfficialSnapshot: Sendable, Equatable {
    /// Problems kept in ``problems`` at most (a hostile page may hold thousands of bad entries).
    package static let maximumProblems = 20

    package var page: OfficialPage?
    /// The components and their current status; nil when no document listed them (`incidents.json` alone),
    /// so "no components known" is not mistaken for "all components gone".
    package var components: [OfficialComponent]?
    /// Newest first (by creation), each id once.
    package var incidents: [OfficialIncident]
    /// The scheduled maintenances the page lists (upcoming, in progress or recent), each id once; nil when no
    /// document listed them (`incidents.json` alone, a feed), so "none listed" is not mistaken for "all gone".
    package var maintenances: [OfficialMaintenance]?
    /// The document lists only ongoing incidents (Instatus `summary.json`): a stored open incident it no longer
    /// lists has ended.
    package var listsActiveIncidentsOnly = false
    /// Why entries were skipped (a missing or malformed field, a time out of range), naming the document
    /// and the field (`incidents.json: incidents[3].created_at is out of range …`); the first
    /// ``maximumProblems``.
    package var problems: [StatuspageDecodingError]
    /// How many entries were skipped in all (may exceed `problems.count`).
    package var problemCount: Int

    package init(
        page: OfficialPage? = nil, components: [OfficialComponent]? = nil, incidents: [OfficialIncident] = [],
        problems: [StatuspageDecodingError] = [], problemCount: Int? = nil, maintenances: [OfficialMaintenance]? = nil
    ) {
        self.maintenances = maintenances
        self.page = page
        self.components = components
        self.incidents = incidents
        self.problems = problems
        self.problemCount = problemCount ?? problems.count
    }
}
