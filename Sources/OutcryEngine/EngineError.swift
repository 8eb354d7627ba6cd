package import OutcryModel
package import OutcryStore

/// Failures of the engine's use cases, each one sentence for the user.
package enum EngineError: Error, Sendable, CustomStringConvertible {
    case invalidReport(ReportValidationError)
    case store(StoreError)
    case cannotRead(path: String, reason: String)
    case invalidArgument(String)
    /// Another daemon committed detection of these minutes first (several daemons on one PostgreSQL store).
    case tickTaken(minute: Int64)

    package var description: String {
        switch self {
        case .invalidReport(let error): error.description
        case .store(let error): error.description
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidArgument(let message): message
        case .tickTaken(let minute):
            "another daemon already committed detection up to \(Timestamp(seconds: minute * 60).iso8601); this run was rolled back"
        }
    }
}
