/// Where a page of the incident list ends: the last incident's onset and id (the list is ordered by
/// `started_at DESC, id`), sent to clients as an opaque token (`next_cursor`) and read back from `?cursor=`.
///
/// The token is the hexadecimal UTF-8 of `i1:<onset seconds>:<id>`; clients must treat it as opaque.
package struct IncidentCursor: Sendable, Equatable {
    /// The onset of the last incident of the previous page.
    package var startedAt: Timestamp
    /// Its id.
    package var id: String

    /// The longest incident id a cursor may carry, in bytes.
    package static let maximumIDBytes = 200
    /// Onsets outside ± this many seconds are refused (no stored incident is that far from 1970).
    static let maximumSeconds: Int64 = 100_000_000_000

    package init(startedAt: Timestamp, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    /// The opaque token.
    package var token: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in "i1:\(startedAt.seconds):\(id)".utf8 {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Reads a token back.
    /// - Throws: for anything ``token`` cannot have produced (field `cursor`).
    package static func parse(_ text: String) throws(QueryParameterError) -> IncidentCursor {
        let refusal = QueryParameterError(
            field: "cursor",
            message: "cursor is not a cursor this list gave out; use the next_cursor of a previous page")
        let hex = Array(text.utf8)
        // "i1:" + up to 13 characters of seconds + ":" + the id, two hex digits per byte.
        guard hex.count % 2 == 0, hex.count <= 2 * (4 + 13 + maximumIDBytes) else { throw refusal }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = 0
        while index < hex.count {
            guard let high = lowerHexValue(hex[index]), let low = lowerHexValue(hex[index + 1]) else { throw refusal }
            bytes.append(high << 4 | low)
            index += 2
        }
        let parts = bytes.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].elementsEqual("i1".utf8) else { throw refusal }
        let secondsText = parts[1]
        let digits = secondsText.first == UInt8(ascii: "-") ? secondsText.dropFirst() : secondsText
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let seconds = Int64(String(decoding: secondsText, as: UTF8.self)),
            seconds >= -maximumSeconds, seconds <= maximumSeconds
        else { throw refusal }
        let idBytes = parts[2]
        guard !idBytes.isEmpty, idBytes.count <= maximumIDBytes, let id = String(validating: idBytes, as: UTF8.self)
        else {
            throw refusal
        }
        return IncidentCursor(startedAt: Timestamp(seconds: seconds), id: id)
    }

    private static func lowerHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
