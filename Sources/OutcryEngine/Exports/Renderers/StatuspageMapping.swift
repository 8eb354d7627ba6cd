package import OutcryModel

/// How crowd evidence maps onto Statuspage's vocabulary: conservatively, because user reports indicate and
/// never confirm.
///
/// | Outcry | Component status | Incident impact |
/// |---|---|---|
/// | no open incident, series normal | `operational` | — |
/// | `possible` (service or a region), no open incident | `degraded_performance` | — |
/// | open `likely` incident, regional or multi-region | `partial_outage` | `minor` |
/// | open `likely` incident of the whole service | `partial_outage` (never `major_outage`) | `major` |
///
/// Incident status: open → `investigating` (a crowd cannot identify a cause), resolved → `resolved`; never
/// `identified`, `monitoring` or `postmortem`. The page indicator is the worst impact among open incidents,
/// `minor` when a component is only degraded, else `none`; never `critical`.
package enum StatuspageMapping {
    package enum ComponentStatus: String, Sendable, CaseIterable, Comparable {
        case operational
        case degradedPerformance = "degraded_performance"
        case partialOutage = "partial_outage"
        case majorOutage = "major_outage"

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    package enum Impact: String, Sendable, CaseIterable, Comparable {
        case none, minor, major, critical

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// A component's status from its open incidents and the detector's current level for the service.
    package static func componentStatus(openIncidents: [Incident], currentLevel: AlertLevel?) -> ComponentStatus {
        if openIncidents.contains(where: { $0.level == .likely }) || currentLevel == .likely { return .partialOutage }
        if !openIncidents.isEmpty || currentLevel == .possible { return .degradedPerformance }
        return .operational
    }

    /// An incident's impact: `major` for a likely outage of the whole service, else `minor`.
    package static func impact(of incident: Incident) -> Impact {
        incident.level == .likely && incident.region.isGlobal ? .major : .minor
    }

    /// `investigating` while open, `resolved` after.
    package static func incidentStatus(of incident: Incident) -> String {
        incident.status == .open ? "investigating" : "resolved"
    }

    /// The page indicator: the worst open impact, `minor` for a degraded component, else `none`.
    package static func indicator(openIncidents: [Incident], components: [ComponentStatus]) -> Impact {
        var worst = openIncidents.map(impact(of:)).max() ?? .none
        if worst == .none, components.contains(where: { $0 > .operational }) { worst = .minor }
        return min(worst, .major)
    }

    /// The page status description for an indicator, always saying where it comes from.
    package static func description(of indicator: Impact) -> String {
        switch indicator {
        case .none: "No problems indicated by user reports (unofficial)"
        case .minor: "Unofficial: user reports indicate possible or regional problems"
        case .major, .critical: "Unofficial: user reports indicate a likely outage (not confirmed by the service)"
        }
    }
}
