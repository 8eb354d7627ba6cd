/// A component's status on an official status page, with the values of the Statuspage v2 format.
package enum OfficialComponentStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case operational
    case underMaintenance = "under_maintenance"
    case degradedPerformance = "degraded_performance"
    case partialOutage = "partial_outage"
    case majorOutage = "major_outage"

    /// The values as the format spells them, for error messages.
    package static let allowedList = allCases.map(\.rawValue).joined(separator: ", ")

    /// Worse statuses compare greater; maintenance ranks just above operational.
    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
