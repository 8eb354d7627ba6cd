// Every way Outcry writes a time as text, and the one message for a time it cannot read. Nothing else in the
// package spells these out: renderers, exporters, the CLI and the server call these.

extension Timestamp {
    /// `2024-03-05T15:12:03Z`: ISO 8601 in UTC, to the second. Years outside 0000…9999 (saturated arithmetic
    /// can reach them) keep all their digits and a leading `-` before year 0 (`-0005-…`, `12345-…`); only
    /// 0000…9999 parse back with ``init(iso8601:)``.
    package var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``iso8601`` as UTF-8 to `buffer` without building a `String` (exports and JSON Lines writers).
    package func appendISO8601(to buffer: inout [UInt8]) {
        let civil = CivilTime(self)
        civil.appendDate(to: &buffer, separator: UInt8(ascii: "-"))
        buffer.append(UInt8(ascii: "T"))
        appendTwoDigits(civil.hour, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendTwoDigits(civil.minute, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendTwoDigits(civil.second, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// `20240305T1531Z`: ISO 8601's basic format to the minute, in UTC (the time part of incident ids).
    package var iso8601BasicMinute: String {
        let civil = CivilTime(self)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(14)
        civil.appendDate(to: &bytes, separator: nil)
        bytes.append(UInt8(ascii: "T"))
        appendTwoDigits(civil.hour, to: &bytes)
        appendTwoDigits(civil.minute, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `15:12`: the UTC time of day, hours and minutes (callers add "UTC" where the reader needs it).
    package var hourMinute: String { CivilTime(self).hourMinute }

    /// `Tue, 05 Mar 2024 15:12:03 +0000`: the RFC 5322 date of an email's `Date:` header, in UTC.
    package var rfc5322: String {
        let civil = CivilTime(self)
        let weekday = CivilTime.weekdayAbbreviations[Int(civil.weekday)]
        var bytes: [UInt8] = Array(weekday.utf8)
        bytes.append(contentsOf: ", ".utf8)
        appendTwoDigits(civil.day, to: &bytes)
        bytes.append(contentsOf: " \(civil.monthAbbreviation) \(civil.year) ".utf8)
        appendTwoDigits(civil.hour, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(civil.minute, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(civil.second, to: &bytes)
        bytes.append(contentsOf: " +0000".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The forms a time given from outside may take, with an example, for messages.
    package static let acceptedForms = "use ISO 8601 such as 2024-03-05T15:12:03Z, or epoch seconds"

    /// The one message for text that is not a time: `"yesterday" is not a time; use ISO 8601 such as
    /// 2024-03-05T15:12:03Z, or epoch seconds`. Callers put the field or option in front.
    /// - Parameter acceptsEpochSeconds: false where only ISO 8601 is read (label files): the hint leaves
    ///   epoch seconds out.
    package static func notATimeMessage(_ text: String, acceptsEpochSeconds: Bool = true) -> String {
        let hint = acceptsEpochSeconds ? acceptedForms : "use ISO 8601 such as 2024-03-05T15:12:03Z"
        return "\(quoted(text)) is not a time; \(hint)"
    }
}

extension CivilTime {
    /// `Jan` … `Dec`, in English whatever the locale (exports, email dates).
    package static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    /// `Mon` … `Sun`, indexed by ``weekday``.
    package static let weekdayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mar`: this date's month, abbreviated.
    package var monthAbbreviation: String { Self.monthAbbreviations[Int((month - 1).modulo(12))] }

    /// `15:12`: hours and minutes, two digits each.
    package var hourMinute: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5)
        appendTwoDigits(hour, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(minute, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2024-03-06`: the date in ISO 8601 (years as in ``Timestamp/iso8601``).
    package var iso8601Date: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendDate(to: &bytes, separator: UInt8(ascii: "-"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` (or `YYYYMMDD` without a separator): at least four year digits, `-` before year 0.
    fileprivate func appendDate(to buffer: inout [UInt8], separator: UInt8?) {
        if year < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(year.magnitude, minimumWidth: 4, to: &buffer)
        if let separator { buffer.append(separator) }
        appendTwoDigits(month, to: &buffer)
        if let separator { buffer.append(separator) }
        appendTwoDigits(day, to: &buffer)
    }
}

/// Appends a calendar field (0…99 in practice) as at least two digits.
@inline(__always)
private func appendTwoDigits(_ value: Int64, to buffer: inout [UInt8]) {
    appendDigits(value.magnitude, minimumWidth: 2, to: &buffer)
}

/// Appends the decimal digits of `value`, left-padded with zeros to `minimumWidth`.
private func appendDigits(_ value: UInt64, minimumWidth: Int, to buffer: inout [UInt8]) {
    var divisor: UInt64 = 1
    var count = 1
    while value / divisor >= 10 {
        divisor *= 10
        count += 1
    }
    if count < minimumWidth {
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumWidth - count))
    }
    var rest = value
    while divisor > 0 {
        buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
        rest %= divisor
        divisor /= 10
    }
}
