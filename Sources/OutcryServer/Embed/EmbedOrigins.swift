/// The sites allowed to frame the embeddable report button (`GET /embed/{slug}`) and to post its form
/// (`--embed-origins https://example.org,https://status.example.org`).
///
/// Each entry must be a bare web origin, `http(s)://host[:port]` (a trailing `/` is tolerated), with an ASCII
/// host (punycode for international names): no path, query, fragment, user, wildcard or quote, so an entry
/// can go into a `Content-Security-Policy` header as is. Origins are kept lower-case without the scheme's
/// default port, the form ``SameOriginCheck/normalizedOrigin(_:)`` gives a browser's `Origin` header.
package struct EmbedOrigins: Sendable, Equatable {
    /// The most origins one list may hold.
    package static let maximumCount = 32
    /// The longest entry accepted, in bytes.
    package static let maximumEntryBytes = 256

    /// The origins, normalized, in the order given, without repeats.
    package private(set) var origins: [String] = []

    /// No other site: the embed page is framable by the daemon's own pages only.
    package init() {}

    /// Parses a comma-separated list (spaces around entries are ignored).
    /// - Throws: naming the entry (by position and text) and what an origin must look like.
    package init(parsing list: String) throws(EmbedOriginsError) {
        guard list.utf8.count <= Self.maximumCount * (Self.maximumEntryBytes + 2) else {
            throw EmbedOriginsError("the list is too long; give at most \(Self.maximumCount) origins")
        }
        let entries = list.split(separator: ",", omittingEmptySubsequences: false)
        guard entries.count <= Self.maximumCount else {
            throw EmbedOriginsError("the list has \(entries.count) origins; give at most \(Self.maximumCount)")
        }
        for (offset, entry) in entries.enumerated() {
            let origin = try Self.parseOrigin(String(entry), position: offset + 1)
            if !origins.contains(origin) { origins.append(origin) }
        }
    }

    /// Whether `origin` (already normalized) is one of the list.
    package func contains(_ origin: String) -> Bool { origins.contains(origin) }

    /// The `frame-ancestors` directive: the daemon itself and every listed origin.
    package var frameAncestors: String {
        (["frame-ancestors 'self'"] + origins).joined(separator: " ")
    }

    /// One entry, normalized; `position` counts from 1 for messages.
    static func parseOrigin(_ raw: String, position: Int) throws(EmbedOriginsError) -> String {
        let text = raw.trimmingSpaces()
        let rule = "an origin is http:// or https://, a host and an optional port, such as https://example.org"
        guard !text.isEmpty else {
            throw EmbedOriginsError("entry \(position) is empty; separate origins with single commas")
        }
        guard text.utf8.count <= maximumEntryBytes else {
            throw EmbedOriginsError("entry \(position) is longer than \(maximumEntryBytes) bytes")
        }
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw EmbedOriginsError(
                "entry \(position) holds a space, a control or a non-ASCII character; write international "
                    + "host names in punycode (xn--…)")
        }
        let shown = quotedEntry(text)
        let lower = String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        let (scheme, afterScheme) = try splitScheme(lower, position: position, shown: shown, rule: rule)
        var rest = afterScheme
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let bad = rest.first(where: { "/?#@*;,'\"\\".contains($0) }) {
            throw EmbedOriginsError(
                "entry \(position) \(shown) holds \(quotedEntry(String(bad))); \(rule), without a path, query, "
                    + "fragment, user or wildcard")
        }
        let (host, port) = try splitHostAndPort(rest, position: position, shown: shown, rule: rule)
        if let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            return "\(scheme)://\(host):\(port)"
        }
        return "\(scheme)://\(host)"
    }

    /// The scheme (`http` or `https`) and what follows `://` of a lower-cased entry.
    private static func splitScheme(
        _ lower: String, position: Int, shown: String, rule: String
    ) throws(EmbedOriginsError) -> (scheme: String, rest: Substring) {
        if lower.hasPrefix("https://") { return ("https", lower.dropFirst(8)) }
        if lower.hasPrefix("http://") { return ("http", lower.dropFirst(7)) }
        throw EmbedOriginsError("entry \(position) \(shown) does not start with http:// or https://; \(rule)")
    }

    /// The host (a checked name or a bracketed IPv6 address) and the port, if one is given.
    private static func splitHostAndPort(
        _ rest: Substring, position: Int, shown: String, rule: String
    ) throws(EmbedOriginsError) -> (host: Substring, port: Int?) {
        guard rest.hasPrefix("[") else {
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let port = parts.count > 1 ? try parsePort(parts[1], position: position, shown: shown) : nil
            try checkHostName(parts[0], position: position, shown: shown)
            return (parts[0], port)
        }
        guard let close = rest.firstIndex(of: "]") else {
            throw EmbedOriginsError("entry \(position) \(shown) opens an IPv6 address with [ but never closes it")
        }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        guard !inside.isEmpty, inside.contains(":"), inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
        else {
            throw EmbedOriginsError("entry \(position) \(shown) does not hold an IPv6 address between [ and ]")
        }
        let after = rest[rest.index(after: close)...]
        guard !after.isEmpty else { return (rest[...close], nil) }
        guard after.hasPrefix(":") else {
            throw EmbedOriginsError("entry \(position) \(shown) has text after the IPv6 address; \(rule)")
        }
        return (rest[...close], try parsePort(after.dropFirst(), position: position, shown: shown))
    }

    /// Letters, digits and hyphens in dot-separated labels of 1–63 characters, at most 253 in all.
    private static func checkHostName(_ host: Substring, position: Int, shown: String) throws(EmbedOriginsError) {
        guard !host.isEmpty else { throw EmbedOriginsError("entry \(position) \(shown) has no host") }
        guard host.utf8.count <= 253 else {
            throw EmbedOriginsError("entry \(position) \(shown) has a host longer than 253 characters")
        }
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-",
                label.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
            else {
                throw EmbedOriginsError(
                    "entry \(position) \(shown) does not have a valid host name (letters, digits and hyphens in "
                        + "dot-separated labels)")
            }
        }
    }

    /// A port of 1 to 5 digits, from 1 to 65535 (no arithmetic on the input beyond that bound).
    private static func parsePort(_ text: Substring, position: Int, shown: String) throws(EmbedOriginsError) -> Int {
        guard (1...5).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let port = Int(text),
            (1...65_535).contains(port)
        else {
            throw EmbedOriginsError("entry \(position) \(shown) has a port that is not a number from 1 to 65535")
        }
        return port
    }

    /// The entry in quotes, shortened, for messages.
    private static func quotedEntry(_ text: String) -> String {
        text.count > 60 ? "\"\(text.prefix(57))…\"" : "\"\(text)\""
    }
}

/// Why an `--embed-origins` list was refused: one sentence naming the entry and the rule.
package struct EmbedOriginsError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String

    init(_ description: String) { self.description = description }
}
