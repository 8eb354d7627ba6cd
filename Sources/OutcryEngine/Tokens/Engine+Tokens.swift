import OutcryModel
package import OutcryStore

/// A token just made: its stored record and its text, which is shown once and never stored.
package struct NewAPIToken: Sendable {
    package var record: APIToken
    package var text: String
}

extension Engine {
    /// The longest token name accepted, in bytes.
    package static let maximumTokenNameLength = 64
    /// The largest `--rate` accepted, in reports per second.
    package static let maximumTokenRate = 1_000_000.0

    /// Makes a token for `POST /v1/reports` (`outcry token add`).
    /// - Parameters:
    ///   - isRelay: the token vouches for its own reporter ids (see the README's trust model).
    ///   - reportsPerSecond: the token's own rate; nil for the daemon's default, 0 for unlimited.
    package func addToken(name: String, isRelay: Bool, reportsPerSecond: Double?) throws(EngineError) -> NewAPIToken {
        try Self.checkTokenName(name)
        if let rate = reportsPerSecond, !(rate.isFinite && rate >= 0 && rate <= Self.maximumTokenRate) {
            throw .invalidArgument(
                "--rate \(rate) is not a rate; give reports per second from 0 (unlimited) to \(Int(Self.maximumTokenRate))"
            )
        }
        let text = APITokenText.generate()
        let now = clock.now()
        let record = try store { database in
            try database.inTransaction {
                if try database.apiToken(named: name) != nil {
                    throw EngineError.invalidArgument(
                        "a token named \(quoted(name)) already exists; revoke it first (outcry token revoke \(name)) or pick another name"
                    )
                }
                return try database.addAPIToken(
                    name: name, hash: APITokenText.digest(text), isRelay: isRelay, reportsPerSecond: reportsPerSecond,
                    now: now)
            }
        }
        return NewAPIToken(record: record, text: text)
    }

    /// The tokens (never their text), by name.
    package func tokens(includingRevoked: Bool) throws(EngineError) -> [APIToken] {
        try store { try $0.apiTokens(includingRevoked: includingRevoked) }
    }

    /// Revokes the active token called `name` (`outcry token revoke`); a running daemon refuses it within
    /// seconds (its token cache is read again every few seconds).
    package func revokeToken(name: String) throws(EngineError) {
        let now = clock.now()
        let revoked = try store { try $0.revokeAPIToken(named: name, now: now) }
        guard revoked else {
            throw .invalidArgument("no active token is named \(quoted(name)); see: outcry token list")
        }
    }

    static func checkTokenName(_ name: String) throws(EngineError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard !name.isEmpty, name.utf8.count <= maximumTokenNameLength, allowed else {
            throw .invalidArgument(
                "token name \(quoted(name)) must be 1 to \(maximumTokenNameLength) letters, digits, '-', '_' or '.'")
        }
    }
}
