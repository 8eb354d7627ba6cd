/// What kind of problem a user reports: the categories a Downdetector-style page breaks reports down by.
package enum ProblemKind: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case app
    case login
    case messaging
    case connection
    case website
    case notifications
    case payments
    case other

    /// Position in `allCases`, handy as a dense array index.
    package var index: Int {
        switch self {
        case .app: 0
        case .login: 1
        case .messaging: 2
        case .connection: 3
        case .website: 4
        case .notifications: 5
        case .payments: 6
        case .other: 7
        }
    }

    /// The accepted spellings, for error messages: `app, login, messaging, …`.
    package static let allowedList: String = allCases.map(\.rawValue).joined(separator: ", ")

    package static func < (lhs: ProblemKind, rhs: ProblemKind) -> Bool { lhs.index < rhs.index }
}
