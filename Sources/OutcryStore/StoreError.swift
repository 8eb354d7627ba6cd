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
    /// The PostgreSQL server cannot be reached or refuses us (`server` is `user@host:port/db`, never a password).
    case cannotConnect(server: String, reason: String)
    /// The PostgreSQL server answered with an error.
    case postgres(PostgresFailure)

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
        case .cannotConnect(let server, let reason):
            "cannot connect to PostgreSQL at \(server): \(reason)"
        case .postgres(let failure):
            failure.description
        }
    }

    /// Whether the failure means the database cannot be written right now (read-only, full, I/O).
    package var isUnwritable: Bool {
        switch self {
        case .sqlite(let error): error.isUnwritable
        case .cannotOpen, .cannotConnect: true
        case .postgres(let failure): failure.isUnwritable
        default: false
        }
    }
}

/// An error a PostgreSQL server answered with (or a lost connection), free of the driver's types.
package struct PostgresFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SQLSTATE code (`23505` unique violation, `40P01` deadlock…); nil when the connection itself failed.
    package var sqlState: String?
    /// The server's message, or what happened to the connection.
    package var message: String
    /// What Outcry was doing.
    package var context: String

    package init(sqlState: String?, message: String, context: String) {
        self.sqlState = sqlState
        self.message = message
        self.context = context
    }

    package var description: String {
        let code = sqlState.map { " (SQLSTATE \($0))" } ?? ""
        return "PostgreSQL error while \(context): \(message)\(code)"
    }

    /// The connection is gone, the server is shutting down or read-only, or the disk is full: writes cannot
    /// succeed right now (the daemon answers 503 and retries).
    package var isUnwritable: Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || sqlState.hasPrefix("57") || sqlState.hasPrefix("53")
            || sqlState == "25006"
    }
}
