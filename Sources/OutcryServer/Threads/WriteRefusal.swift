/// Why a write was not done; each maps to one HTTP status.
package enum WriteRefusal: Error, Sendable, CustomStringConvertible {
    /// The queue holds as many reports as it may: try again shortly (503).
    case queueFull
    /// The database cannot be written right now (read-only, disk full, locked): try again later (503).
    case unwritable
    /// The daemon is stopping (503).
    case shuttingDown
    /// A report names a service that is no longer monitored (400).
    case unknownService(String)

    package var description: String {
        switch self {
        case .queueFull: "the write queue is full; retry shortly"
        case .unwritable: "the database cannot be written right now; retry later"
        case .shuttingDown: "the server is shutting down"
        case .unknownService(let slug): "service \"\(slug)\" is not monitored"
        }
    }
}
