/// How strongly the reports for a series point at a problem, like Downdetector's three states.
package enum AlertLevel: String, CaseIterable, Codable, Sendable, Comparable {
    /// Reports are within the usual range.
    case normal
    /// Moderate evidence of a problem: shown as the series' status, opens no incident.
    case possible
    /// Strong evidence, or moderate evidence sustained for long enough: opens an incident.
    case likely

    private var rank: Int {
        switch self {
        case .normal: 0
        case .possible: 1
        case .likely: 2
        }
    }

    package static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool { lhs.rank < rhs.rank }
}
