package import OutcryModel

/// What one read of an official status source produced: a snapshot, or why there is none.
package enum OfficialFetchOutcome: Sendable, Equatable {
    case snapshot(OfficialSnapshot)
    case failure(OfficialFetchError)
}

/// Why an official status source could not be read. Recorded and logged; the source is tried again later
/// and what earlier reads stored is kept.
package enum OfficialFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stored location is not usable (cannot happen for locations added through the engine).
    case invalidLocation(String)
    case timedOut(url: String, seconds: Double)
    case httpStatus(url: String, code: Int, reason: String)
    /// The server answered with an HTML page (an error page, a login wall, a maintenance page).
    case html(url: String, contentType: String)
    case tooLarge(location: String, limitBytes: Int)
    /// The server could not be reached or the connection failed.
    case network(url: String, reason: String)
    /// The page redirected somewhere ``RedirectPolicy`` does not follow (a non-public address, a downgrade to
    /// http, too many hops); the reason says which and what is allowed.
    case redirectRefused(url: String, reason: String)
    case unreadableFile(path: String, reason: String)
    /// The bytes are not a Statuspage v2 document; the error names the document and the field.
    case invalidDocument(StatuspageDecodingError)
    /// The read was cancelled (the daemon is stopping).
    case cancelled

    package var description: String {
        switch self {
        case .invalidLocation(let message): message
        case .timedOut(let url, let seconds):
            "no complete answer from \(url) within \(Self.format(seconds)) s (timed out)"
        case .httpStatus(let url, let code, let reason):
            "HTTP \(code)\(reason.isEmpty ? "" : " \(reason)") from \(url); expected 200 with JSON"
        case .html(let url, let contentType): "\(url) returned HTML (content-type \(contentType)), not JSON"
        case .tooLarge(let location, let limit):
            "\(location) is larger than \(Self.size(limit)); a status document is far smaller, so it was not read"
        case .network(let url, let reason): "cannot read \(url): \(reason)"
        case .redirectRefused(let url, let reason): "did not follow the redirect of \(url): \(reason)"
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidDocument(let error): error.description
        case .cancelled: "the read was cancelled"
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : "\(bytes) bytes"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
