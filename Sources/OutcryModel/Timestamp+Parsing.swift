extension Timestamp {
    /// Parses an ISO 8601 time: `2024-03-05T15:12:03Z`, with optional fraction (ignored), a `Z`, `+HH:MM`,
    /// `+HHMM` or `+HH` offset, or no zone (taken as UTC); a space may stand for the `T`; `2024-03-05T15:12`
    /// and the date alone (`2024-03-05`, midnight UTC) are accepted too. Returns nil for anything else,
    /// including impossible dates such as 2023-02-29.
    package init?(iso8601 text: String) {
        var copy = text
        let parsed: Timestamp? = copy.withUTF8 { Timestamp.parseISO8601(bytes: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses ISO 8601 from UTF-8 bytes; see ``init(iso8601:)``.
    package static func parseISO8601(bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cursor = ByteCursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year) else { return nil }
        var civil = CivilTime(year: year, month: month, day: day)
        if cursor.isAtEnd { return civil.timestamp }
        guard cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t")) || cursor.take(UInt8(ascii: " ")),
            let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let minute = cursor.digits(2)
        else { return nil }
        var second: Int64 = 0
        if cursor.take(UInt8(ascii: ":")) {
            guard let parsedSecond = cursor.digits(2) else { return nil }
            second = parsedSecond
            if cursor.take(UInt8(ascii: ".")) || cursor.take(UInt8(ascii: ",")) {
                guard cursor.skipDigits() > 0 else { return nil }
            }
        }
        // 24:00:00 is not accepted; a leap second 60 is folded into 59 rather than refused.
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        civil.hour = hour
        civil.minute = minute
        civil.second = min(second, 59)
        var offsetSeconds: Int64 = 0
        if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) {
            // UTC
        } else if let sign = cursor.takeSign() {
            guard let offsetHours = cursor.digits(2) else { return nil }
            var offsetMinutes: Int64 = 0
            if cursor.take(UInt8(ascii: ":")) {
                guard let parsed = cursor.digits(2) else { return nil }
                offsetMinutes = parsed
            } else if let parsed = cursor.digits(2) {
                offsetMinutes = parsed
            }
            guard offsetHours <= 23, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor.isAtEnd else { return nil }
        return civil.timestamp.adding(seconds: -offsetSeconds)
    }
}

/// A forward-only reader over UTF-8 bytes for the small hand-written parsers in this module.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Reads a `+` or `-` and returns 1 or -1.
    mutating func takeSign() -> Int64? {
        if take(UInt8(ascii: "+")) { return 1 }
        if take(UInt8(ascii: "-")) { return -1 }
        return nil
    }

    /// Reads exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard position + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for index in position..<(position + count) {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// Skips a run of ASCII digits and returns how many there were.
    mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            position += 1
        }
        return position - start
    }
}
