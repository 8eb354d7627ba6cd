/// The impact a status page gives an incident (Statuspage v2: `none`, `minor`, `major`, `critical`;
/// `maintenance` for scheduled work).
package enum OfficialImpact: String, Codable, Sendable, CaseIterable, Comparable {
    case none
    case maintenance
    case minor
    case major
    case critical

    /// What the impact says about the service, as a component status.
    ///
    /// Statuspage's `major` is what providers pick for partial outages too (the page indicator calls it a
    /// "Partial System Outage"), so it maps to ``OfficialComponentStatus/partialOutage``, never to a major
    /// outage; only `critical` does. `none` and `minor` mean degraded performance.
    package var impliedComponentStatus: OfficialComponentStatus {
        switch self {
        case .none, .minor: .degradedPerformance
        case .maintenance: .underMaintenance
        case .major: .partialOutage
        case .critical: .majorOutage
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
