/// What a service's official status page said about a crowd incident: acknowledged (and when, how long after
/// users began reporting), or not acknowledged.
///
/// Attached to an ``Incident`` only when its service is linked to an official status source; the incident's
/// label stays ``Incident/unofficialLabel`` either way — the crowd signal is still an indicator. The JSON form
/// is a public interface (`official` in every incident), defined by its field table in `Incident+Wire.swift`.
package struct OfficialAcknowledgement: Sendable, Equatable {
    package enum Status: String, Codable, Sendable, CaseIterable {
        /// An official incident of the service (and component, when one is linked) overlaps the crowd incident.
        case acknowledged
        /// No official incident overlaps the crowd incident (yet).
        case notAcknowledged = "not acknowledged"
    }

    package var status: Status
    /// When the status page first acknowledged the problem: the official incident's creation time.
    package var acknowledgedAt: Timestamp?
    /// Whole minutes from the crowd onset (``Incident/startedAt``) to ``acknowledgedAt``: how far users were
    /// ahead of the status page. Negative when the status page spoke first.
    package var leadMinutes: Int?
    /// The official incident's title.
    package var title: String?
    /// The official incident's page (its shortlink, or the status page's incident URL).
    package var url: String?
    /// The official incident's id on the status page.
    package var incidentID: String?
    /// The official impact (`none`, `minor`, `major`, `critical`); Statuspage uses `major` for partial outages.
    package var impact: String?

    package init(
        status: Status, acknowledgedAt: Timestamp? = nil, leadMinutes: Int? = nil, title: String? = nil,
        url: String? = nil, incidentID: String? = nil, impact: String? = nil
    ) {
        self.status = status
        self.acknowledgedAt = acknowledgedAt
        self.leadMinutes = leadMinutes
        self.title = title
        self.url = url
        self.incidentID = incidentID
        self.impact = impact
    }

    /// Not acknowledged: no overlapping official incident.
    package static let notAcknowledged = OfficialAcknowledgement(status: .notAcknowledged)

    package var isAcknowledged: Bool { status == .acknowledged }
}
