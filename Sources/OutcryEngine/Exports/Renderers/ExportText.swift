package import OutcryModel

/// Locale-independent text helpers shared by the export renderers (dates in UTC, numbers, ordinals).
package enum ExportText {
    static let monthNames = CivilTime.monthAbbreviations

    /// `Mar`.
    package static func monthName(_ month: Int64) -> String { monthNames[Int((month - 1).modulo(12))] }

    /// `5 Mar 2024`.
    package static func date(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(civil.day) \(monthName(civil.month)) \(civil.year)"
    }

    /// `5 Mar 2024 15:00 UTC`.
    package static func dateTime(_ time: Timestamp) -> String {
        // Built piece by piece from one CivilTime: reports call this for every incident several times.
        let civil = CivilTime(time)
        var text = String(civil.day)
        text.reserveCapacity(24)
        text += " "
        text += monthName(civil.month)
        text += " "
        text += String(civil.year)
        text += " "
        text += civil.hourMinute
        text += " UTC"
        return text
    }

    /// `5 Mar 2024 15:00 – 16:15 UTC`, or with both dates when the span crosses midnight.
    package static func span(_ from: Timestamp, _ to: Timestamp) -> String {
        let sameDay = from.bucketStart(width: 86_400) == to.bucketStart(width: 86_400)
        let end = sameDay ? to.hourMinute : "\(date(to)) \(to.hourMinute)"
        return "\(date(from)) \(from.hourMinute) – \(end) UTC"
    }

    /// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
    package static func ordinal(_ number: Int) -> String {
        let lastTwo = number % 100
        if (11...13).contains(lastTwo) { return "\(number)th" }
        switch number % 10 {
        case 1: return "\(number)st"
        case 2: return "\(number)nd"
        case 3: return "\(number)rd"
        default: return "\(number)th"
        }
    }

    /// `value` rounded to `places` decimals, without trailing zeros: `12.5`, `3`, `0.76` (never a locale's comma).
    package static func decimal(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / scale
        var fraction = scaled % scale
        guard fraction != 0 else { return sign + String(whole) }
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }

    /// `75%` for a share of 0.75.
    package static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// `2.5×`, or `14×` from ten up.
    package static func times(_ ratio: Double) -> String {
        ratio >= 10 ? "\(Int(ratio.rounded()))×" : decimal(ratio, places: 1) + "×"
    }

    /// `1 h 25 min`; `2 d 3 h` from a day up.
    package static func duration(seconds: Int64) -> String {
        let minutes = max(0, seconds) / 60
        guard minutes >= 1440 else { return StatusTextRenderer.duration(seconds: seconds) }
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        return hours == 0 ? "\(days) d" : "\(days) d \(hours) h"
    }

    /// The display name of a service among `services`, else its slug.
    static func name(of slug: ServiceSlug, in services: [ServiceSlug: MonitoredService]) -> String {
        services[slug]?.name ?? slug.rawValue
    }
}
