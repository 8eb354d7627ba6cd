/// A raw query string split into decoded `name=value` pairs, within fixed bounds.
///
/// Splitting is on `&`, names and values are percent-decoded (`+` is a space) and must be valid UTF-8. The
/// string may hold at most ``maximumBytes`` bytes and ``maximumCount`` parameters; a parameter a route reads
/// may appear only once (a repeated one is ambiguous, so it is refused rather than guessed).
package struct QueryParameters: Sendable, Equatable {
    /// The longest raw query string accepted, in bytes.
    package static let maximumBytes = 4_096
    /// The most `name=value` pairs accepted.
    package static let maximumCount = 32

    /// The decoded pairs in the order given.
    package private(set) var pairs: [(name: String, value: String)]

    package static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Already-decoded pairs (tests, and callers that hold decoded parameters).
    package init(_ pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Splits and decodes `rawQuery` (the part after `?`, without it).
    package init(rawQuery: String) throws(QueryParameterError) {
        let bytes = Array(rawQuery.utf8)
        guard bytes.count <= Self.maximumBytes else {
            throw QueryParameterError(
                field: "query", message: "the query string is longer than \(Self.maximumBytes) bytes", isTooLong: true)
        }
        var pairs: [(name: String, value: String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < Self.maximumCount else {
                throw QueryParameterError(
                    field: "query", message: "the query string has more than \(Self.maximumCount) parameters")
            }
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = piece[piece.startIndex..<(equals ?? piece.endIndex)]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? []
            let name = try Self.decode(rawName, field: "query")
            guard !name.isEmpty else { continue }
            pairs.append((name, try Self.decode(rawValue, field: name)))
        }
        self.pairs = pairs
    }

    /// The value of `name`; nil when absent. An empty value counts as absent.
    ///
    /// - Throws: when `name` is given more than once.
    package func value(_ name: String) throws(QueryParameterError) -> String? {
        var found: String?
        var seen = false
        for pair in pairs where pair.name == name {
            guard !seen else {
                throw QueryParameterError(field: name, message: "\(name) is given more than once; give it once")
            }
            seen = true
            found = pair.value
        }
        guard let found, !found.isEmpty else { return nil }
        return found
    }

    /// Percent-decodes one name or value (`+` is a space); the result must be UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>, field: String) throws(QueryParameterError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else {
                    throw QueryParameterError(
                        field: field, message: "\(field) holds a '%' not followed by two hexadecimal digits")
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw QueryParameterError(field: field, message: "\(field) is not valid UTF-8 once percent-decoded")
        }
        return text
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
