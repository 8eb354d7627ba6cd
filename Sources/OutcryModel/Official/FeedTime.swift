/// The times feeds state: RFC 3339 / ISO 8601 (Atom, `dc:date`), RFC 822 with four- or two-digit years
/// (RSS `pubDate`, e.g. `Tue, 05 Mar 2024 15:58:12 GMT` or `5 Mar 2024 15:58 +0100`), or JavaScript's
/// `Date.toString` form (Instatus).
///
/// Pure and bounded: every number is checked against its calendar range before any arithmetic, so hostile
/// text gives nil, never a trap.
package enum FeedTime {
    /// The instant `text` states, or nil when it is neither form.
    package static func parse(_ text: String) -> Timestamp? {
        var trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 100 else { return nil }
        if let iso = Timestamp(iso8601: trimmed) { return iso }
        // JavaScript's Date.toString (Instatus): `Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)`.
        if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            trimmed = String(trimmed[..<open]).trimmingWhitespace()
        }
        guard trimmed.utf8.count <= 64 else { return nil }
        return rfc822(trimmed) ?? javaScript(trimmed)
    }

    /// `Sat Jun 11 2022 18:55:50 GMT+0000` (month before day, year before time) as RFC 822 tokens.
    static func javaScript(_ text: String) -> Timestamp? {
        let tokens = text.split(separator: " ").map(String.init)
        guard tokens.count == 6, tokens[5].uppercased().hasPrefix("GMT") else { return nil }
        let zone = String(tokens[5].dropFirst(3))
        return rfc822("\(tokens[2]) \(tokens[1]) \(tokens[3]) \(tokens[4]) \(zone.isEmpty ? "GMT" : zone)")
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Offsets of the zone names RFC 822 allows, in minutes.
    static let zones: [String: Int64] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
        "mdt": -360, "pst": -480, "pdt": -420,
    ]

    static func rfc822(_ text: String) -> Timestamp? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map {
            String($0).lowercased()
        }
        if let first = tokens.first, first.count >= 3, first.allSatisfy(\.isLetter) { tokens.removeFirst() }
        guard tokens.count == 5 || tokens.count == 4 else { return nil }
        guard let day = Int64(tokens[0]), (1...31).contains(day),
            let month = months.firstIndex(of: String(tokens[1].prefix(3))), tokens[1].count <= 9,
            var year = Int64(tokens[2]), tokens[2].count == 2 || tokens[2].count == 4
        else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let timeOfDay = tokens[3].split(separator: ":")
        guard timeOfDay.count == 2 || timeOfDay.count == 3, timeOfDay.allSatisfy({ $0.count == 2 }),
            let hour = Int64(timeOfDay[0]), (0...23).contains(hour),
            let minute = Int64(timeOfDay[1]), (0...59).contains(minute)
        else { return nil }
        var second: Int64 = 0
        if timeOfDay.count == 3 {
            guard let value = Int64(timeOfDay[2]), (0...60).contains(value) else { return nil }
            second = value
        }
        var offset: Int64 = 0
        if tokens.count == 5 {
            let zone = tokens[4]
            if let named = zones[zone] {
                offset = named
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                let hours = Int64(zone.dropFirst().prefix(2)), let minutes = Int64(zone.suffix(2)), hours <= 23,
                minutes <= 59
            {
                offset = (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
            } else {
                return nil
            }
        }
        guard day <= daysIn(month: Int64(month) + 1, year: year) else { return nil }
        let local = CivilTime(year: year, month: Int64(month) + 1, day: day, hour: hour, minute: minute, second: second)
        return Timestamp(seconds: local.timestamp.seconds - offset * 60)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
