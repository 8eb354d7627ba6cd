import OutcryStore
import PostgresNIO

/// Turns the driver's errors into ``StoreError``s with one plain sentence: the server's own message and
/// SQLSTATE when it answered, what happened to the connection otherwise. Never a password or bound values.
enum PostgresErrors {
    /// A failed statement.
    static func failure(_ error: any Error, context: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let psql = error as? PSQLError else {
            return .postgres(PostgresFailure(sqlState: nil, message: "\(error)", context: context))
        }
        if let info = psql.serverInfo {
            return .postgres(
                PostgresFailure(
                    sqlState: info[.sqlState], message: info[.message] ?? "the server refused the statement",
                    context: context))
        }
        return .postgres(PostgresFailure(sqlState: nil, message: connectionProblem(psql), context: context))
    }

    /// Why connecting failed, and what to check.
    static func connectReason(_ error: any Error, _ location: PostgresLocation) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo {
            let message = info[.message] ?? "refused"
            switch info[.sqlState] {
            case "28P01", "28000":
                return "\(message) (check the user and password in the URL)"
            case "3D000":
                return "\(message); create it with: createdb -h \(location.host) -p \(location.port) "
                    + "-U \(location.user) \(location.database)"
            case let state?:
                return "\(message) (SQLSTATE \(state))"
            case nil:
                return message
            }
        }
        return "\(connectionProblem(psql)); is PostgreSQL running and listening on \(location.host):\(location.port)?"
    }

    /// The connection-level part of a driver error (refused, timed out, closed), without query text.
    private static func connectionProblem(_ psql: PSQLError) -> String {
        if let underlying = psql.underlying { return "\(underlying)" }
        switch psql.code {
        case .serverClosedConnection: return "the server closed the connection"
        case .clientClosedConnection: return "the connection was closed"
        case .authMechanismRequiresPassword: return "the server asks for a password and the URL has none"
        case .unsupportedAuthMechanism: return "the server asks for an authentication method outcry does not speak"
        case .sslUnsupported: return "the server does not support TLS (sslmode=require)"
        default: return "\(psql.code)"
        }
    }
}
