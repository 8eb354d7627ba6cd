/// Where a report comes from: an ISO 3166-1 alpha-2 country (`US`), optionally with an ISO 3166-2
/// subdivision (`US-CA`); or ``global``, the aggregate of all regions, which reports may not name.
///
/// Input is case-insensitive and stored upper-case. The country part is checked against the list of
/// assigned codes; the subdivision part is checked for shape (one to three letters or digits), not against
/// the full ISO 3166-2 list.
package struct Region: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// `US`, `US-CA`, or `global`.
    package let code: String

    private init(code: String) { self.code = code }

    /// The aggregate of every region of a service.
    package static let global = Region(code: "global")

    package var isGlobal: Bool { code == "global" }

    /// The country part (`US` for `US-CA`); nil for ``global``.
    package var country: String? { isGlobal ? nil : String(code.prefix(2)) }

    /// The region that aggregates this one: the country for a subdivision, ``global`` for a country.
    package var parent: Region? {
        if isGlobal { return nil }
        if code.count > 2, let country { return Region(code: country) }
        return .global
    }

    package var description: String { code }

    package static func < (lhs: Region, rhs: Region) -> Bool { lhs.code < rhs.code }

    /// Parses a report's region. `global` is refused here: it is reserved for aggregates.
    package static func parse(_ text: String, field: String = "region") throws(ReportValidationError) -> Region {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.lowercased() == "global" {
            throw ReportValidationError(
                field: field,
                reason: "\"global\" is reserved for aggregates; name the country of the report (ISO 3166-1, e.g. US)"
            )
        }
        return try parseStoredOrQuery(trimmed, field: field)
    }

    /// Parses a region as a query or a stored value, where `global` is allowed.
    package static func parseAllowingGlobal(_ text: String, field: String = "region") throws(ReportValidationError)
        -> Region
    {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.lowercased() == "global" { return .global }
        return try parseStoredOrQuery(trimmed, field: field)
    }

    private static func parseStoredOrQuery(_ text: String, field: String) throws(ReportValidationError) -> Region {
        // ASCII only: `uppercased()` would turn "uſ" into "US" and "ın" into "IN".
        let upper = String(decoding: text.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
        let parts = upper.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let country = String(parts[0])
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw ReportValidationError(
                field: field,
                reason: text.isEmpty
                    ? "is empty; expected an ISO 3166-1 alpha-2 country code such as US or DE"
                    : "\(quoted(text)) is not an ISO 3166-1 code; expected two letters such as US or DE, "
                        + "optionally with a subdivision such as US-CA"
            )
        }
        guard ISO3166.assignedAlpha2.contains(country) else {
            throw ReportValidationError(field: field, reason: "\(quoted(text)) is not an ISO 3166-1 code")
        }
        if parts.count == 2 {
            let subdivision = parts[1].utf8
            let isAlphanumeric = subdivision.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
            guard (1...3).contains(subdivision.count), isAlphanumeric else {
                throw ReportValidationError(
                    field: field,
                    reason: "\(quoted(text)) is not an ISO 3166-2 subdivision; expected the country code, '-', "
                        + "and one to three letters or digits, such as US-CA"
                )
            }
        }
        return Region(code: upper)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Region.parseAllowingGlobal(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    package func trimmingASCIIWhitespace() -> String {
        // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return self }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
