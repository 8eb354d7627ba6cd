/// Everything that can go wrong in the store, each with one plain sentence for the user.
package enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case schemaTooNew(databaseVersion: Int, supportedVersion: Int)
    case migrationFailed(name: String, SQLiteError)
    case unknownService(String)
    case serviceConflict(slug: String, field: String, existing: String, requested: String)
    case serviceHasReports(slug: String, count: Int)
    case invalidStoredValue(String)
    case sqlite(SQLiteError)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database at \(path): \(reason)"
        case .schemaTooNew(let databaseVersion, let supportedVersion):
            "the database has schema version \(databaseVersion) but this outcry knows only up to \(supportedVersion); "
                + "upgrade outcry to open it (it is never downgraded)"
        case .migrationFailed(let name, let error):
            "migration \(name) failed: \(error.message)"
        case .unknownService(let slug):
            "service \"\(slug)\" is not monitored; add it with: outcry service add \(slug)"
        case .serviceConflict(let slug, let field, let existing, let requested):
            "service \(slug) already exists with \(field) \(existing); refusing to change it to \(requested) "
                + "(remove it first, or use the same values)"
        case .serviceHasReports(let slug, let count):
            "service \(slug) has \(count) stored reports; pass --with-reports to remove them too"
        case .invalidStoredValue(let what):
            "the database holds an unreadable value: \(what)"
        case .sqlite(let error):
            error.description
        }
    }

    /// Whether the failure means the database cannot be written right now (read-only, full, I/O).
    package var isUnwritable: Bool {
        switch self {
        case .sqlite(let error): error.isUnwritable
        case .cannotOpen: true
        default: false
        }
    }
}
