import Crypto
package import OutcryModel

/// An API token as stored: its SHA-256, never the token itself.
package struct APIToken: Sendable, Equatable {
    package var id: Int64
    package var name: String
    /// SHA-256 of the token text (32 bytes).
    package var hash: [UInt8]
    /// A relay vouches for its own users' reporter ids and may send older `at` (see the README's trust model).
    package var isRelay: Bool
    /// Reports per second this token may send; nil means the daemon's default, 0 unlimited.
    package var reportsPerSecond: Double?
    package var createdAt: Timestamp
    package var revokedAt: Timestamp?

    package init(
        id: Int64, name: String, hash: [UInt8], isRelay: Bool, reportsPerSecond: Double?, createdAt: Timestamp,
        revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.hash = hash
        self.isRelay = isRelay
        self.reportsPerSecond = reportsPerSecond
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Making, hashing and comparing token texts.
package enum APITokenText {
    /// Every token starts with this, so one found in a log or a repository is recognisable.
    package static let prefix = "outcry_"

    /// A fresh token: the prefix and 32 random bytes in base64url (no padding), 50 characters in all.
    package static func generate() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return prefix + base64URL(bytes)
    }

    /// The SHA-256 of a token's text, as stored.
    package static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Compares two digests in time that depends only on their lengths.
    package static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            let remaining = bytes.count - index
            let produced = remaining >= 3 ? 4 : remaining + 1
            for position in 0..<produced {
                output.append(alphabet[Int(triple >> (18 - 6 * UInt32(position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension OutcryDatabase {
    /// Stores a new token under `name`, which no active token may already have (a name in use fails with a
    /// constraint error: callers check ``apiToken(named:)`` first).
    package func addAPIToken(
        name: String, hash: [UInt8], isRelay: Bool, reportsPerSecond: Double?, now: Timestamp
    ) throws(StoreError) -> APIToken {
        do {
            let insert = try connection.cachedStatement(
                "INSERT INTO api_token (name, hash, is_relay, rate, created_at) VALUES (?, ?, ?, ?, ?)")
            try insert.bind(name, at: 1)
            try insert.bind(hash, at: 2)
            try insert.bind(isRelay ? 1 : 0, at: 3)
            if let reportsPerSecond { try insert.bind(reportsPerSecond, at: 4) } else { try insert.bindNull(at: 4) }
            try insert.bind(now.seconds, at: 5)
            try insert.run()
        } catch {
            throw .sqlite(error)
        }
        return APIToken(
            id: connection.lastInsertRowID, name: name, hash: hash, isRelay: isRelay,
            reportsPerSecond: reportsPerSecond, createdAt: now)
    }

    /// Every token (revoked ones only with `includingRevoked`), by name then id.
    package func apiTokens(includingRevoked: Bool) throws(StoreError) -> [APIToken] {
        let sql =
            "SELECT id, name, hash, is_relay, rate, created_at, revoked_at FROM api_token"
            + (includingRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY name, id"
        var tokens: [APIToken] = []
        do {
            let statement = try connection.cachedStatement(sql)
            defer { statement.reset() }
            while try statement.step() {
                tokens.append(
                    APIToken(
                        id: statement.int64(at: 0), name: statement.text(at: 1) ?? "",
                        hash: statement.blob(at: 2) ?? [],
                        isRelay: statement.int(at: 3) == 1,
                        reportsPerSecond: statement.isNull(at: 4) ? nil : statement.double(at: 4),
                        createdAt: Timestamp(seconds: statement.int64(at: 5)),
                        revokedAt: statement.isNull(at: 6) ? nil : Timestamp(seconds: statement.int64(at: 6))))
            }
        } catch {
            throw .sqlite(error)
        }
        return tokens
    }

    /// The active token called `name`, or nil.
    package func apiToken(named name: String) throws(StoreError) -> APIToken? {
        try apiTokens(includingRevoked: false).first { $0.name == name }
    }

    /// Revokes the active token called `name`; false when there is none.
    package func revokeAPIToken(named name: String, now: Timestamp) throws(StoreError) -> Bool {
        do {
            let update = try connection.cachedStatement(
                "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")
            try update.bind(now.seconds, at: 1)
            try update.bind(name, at: 2)
            try update.run()
            return connection.changes > 0
        } catch {
            throw .sqlite(error)
        }
    }
}
