/// A PostgreSQL server and database, parsed from `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]`
/// (`postgres://` too), as `--db` and `OUTCRY_DB` take it.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String
    /// Whether the connection must use TLS (`sslmode=require`, `verify-ca` or `verify-full`).
    package var requiresTLS: Bool

    /// `user@host:port/db`: for logs, errors and `/readyz` (never the password).
    package var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(user)@\(shownHost):\(port)/\(database)"
    }

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    package static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses a `postgresql://` URL.
    /// - Throws: ``PostgresLocationError`` naming the part that is wrong and what is allowed.
    package init(url text: String) throws(PostgresLocationError) {
        let rest: Substring
        if text.hasPrefix("postgresql://") {
            rest = text.dropFirst("postgresql://".count)
        } else if text.hasPrefix("postgres://") {
            rest = text.dropFirst("postgres://".count)
        } else {
            throw PostgresLocationError(part: "scheme", problem: "must be postgresql:// or postgres://")
        }
        let (beforeQuery, query) = rest.splitOnce("?")
        let (authority, path) = beforeQuery.splitOnce("/")
        guard let atIndex = authority.lastIndex(of: "@") else {
            throw PostgresLocationError(part: "user", problem: "is missing; write postgresql://USER@HOST/DB")
        }
        let (rawUser, rawPassword) = authority[..<atIndex].splitOnce(":")
        user = try Self.decode(rawUser, part: "user")
        guard !user.isEmpty else {
            throw PostgresLocationError(part: "user", problem: "is empty; write postgresql://USER@HOST/DB")
        }
        if let rawPassword {
            password = try Self.decode(rawPassword, part: "password")
        } else {
            password = nil
        }
        (host, port) = try Self.parseHostAndPort(authority[authority.index(after: atIndex)...])
        guard let path else {
            throw PostgresLocationError(part: "database", problem: "is missing; write postgresql://USER@HOST/DB")
        }
        database = try Self.decode(path, part: "database")
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError(part: "database", problem: "must be one non-empty name after the host")
        }
        requiresTLS = try Self.parseTLS(query)
    }

    private static func parseHostAndPort(_ text: Substring) throws(PostgresLocationError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresLocationError(part: "host", problem: "has an unclosed [ (IPv6 is written [::1])")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw PostgresLocationError(part: "host", problem: "must be followed by :PORT or /DB")
                }
                portText = after.dropFirst()
            }
        } else {
            (host, portText) = text.splitOnce(":")
        }
        guard !host.isEmpty else {
            throw PostgresLocationError(part: "host", problem: "is empty; write postgresql://USER@HOST/DB")
        }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:%".contains($0) }) else {
            throw PostgresLocationError(part: "host", problem: "may hold only letters, digits, '-', '.' and ':'")
        }
        var port = 5432
        if let portText {
            guard let parsed = Int(portText), (1...65_535).contains(parsed), portText.allSatisfy(\.isASCII) else {
                throw PostgresLocationError(part: "port", problem: "\"\(portText)\" is not a port (1-65535)")
            }
            port = parsed
        }
        return (String(host), port)
    }

    private static func parseTLS(_ query: Substring?) throws(PostgresLocationError) -> Bool {
        guard let query, !query.isEmpty else { return false }
        var requires = false
        for pair in query.split(separator: "&") {
            let (name, value) = pair.splitOnce("=")
            switch (name, value) {
            case ("sslmode", "disable"?), ("sslmode", "allow"?), ("sslmode", "prefer"?): requires = false
            case ("sslmode", "require"?), ("sslmode", "verify-ca"?), ("sslmode", "verify-full"?): requires = true
            case ("sslmode", _):
                throw PostgresLocationError(
                    part: "sslmode", problem: "must be disable, prefer, require, verify-ca or verify-full")
            default:
                throw PostgresLocationError(part: "\(name)", problem: "is not a known parameter (only sslmode)")
            }
        }
        return requires
    }

    /// Percent-decoding (`%40` is `@`); refuses a malformed escape or text that is not UTF-8.
    private static func decode(_ text: Substring, part: String) throws(PostgresLocationError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else {
                throw PostgresLocationError(part: part, problem: "has a malformed %-escape (write %XX)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.contains("\0") else {
            throw PostgresLocationError(part: part, problem: "is not valid UTF-8 text")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A `postgresql://` URL that cannot be used, with the part that is wrong.
package struct PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `scheme`, `user`, `password`, `host`, `port`, `database` or a query parameter.
    package var part: String
    package var problem: String

    package var description: String { "the PostgreSQL URL's \(part) \(problem)" }
}

extension Substring {
    /// The text before and after the first `separator` (nil after when there is none).
    fileprivate func splitOnce(_ separator: Character) -> (Substring, Substring?) {
        guard let found = firstIndex(of: separator) else { return (self, nil) }
        return (self[..<found], self[index(after: found)...])
    }
}
