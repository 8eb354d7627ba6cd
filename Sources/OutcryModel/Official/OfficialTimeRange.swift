/// The times a status page may state: from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z.
///
/// Statuspage began in 2013 and nobody posts an incident a lifetime ahead, so a time outside the range is
/// the page's mistake, or a hostile page's attempt to make arithmetic on it trap
/// (`"created_at": -9223372036854775808`). The ``StatuspageDecoder`` skips and reports an incident or
/// component stating one and keeps the rest of the page; every time that reaches matching, backoff or the
/// store is then well inside `Int64`. A fixed range keeps the decoder pure (no clock).
package enum OfficialTimeRange {
    /// 2000-01-01T00:00:00Z.
    package static let earliest = Timestamp(seconds: 946_684_800)
    /// 2099-12-31T23:59:59Z.
    package static let latest = Timestamp(seconds: 4_102_444_799)
    /// What errors say is allowed.
    package static let allowed = "a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z"

    /// Whether a status page may state `time`.
    package static func contains(_ time: Timestamp) -> Bool { time >= earliest && time <= latest }

    /// How an out-of-range time is quoted in an error: ISO 8601 for years 0 to 9999, else seconds since 1970
    /// (the only form a number like `-9223372036854775808` has).
    static func quote(_ time: Timestamp) -> String {
        let yearZero: Int64 = -62_167_219_200
        let yearTenThousand: Int64 = 253_402_300_800
        if time.seconds >= yearZero && time.seconds < yearTenThousand { return time.iso8601 }
        return "\(time.seconds) seconds since 1970"
    }
}

/// A decoded entry of a status page whose times the decoder checks against ``OfficialTimeRange``.
protocol OfficialTimedEntry {
    /// The times the entry must state correctly, with their field names (`created_at`); the entry is skipped
    /// when one is out of range.
    var requiredTimes: [(field: String, time: Timestamp)] { get }
}

extension OfficialIncident: OfficialTimedEntry {
    var requiredTimes: [(field: String, time: Timestamp)] {
        var times: [(field: String, time: Timestamp)] = [("created_at", createdAt)]
        if let startedAt { times.append(("started_at", startedAt)) }
        if let resolvedAt { times.append(("resolved_at", resolvedAt)) }
        return times
    }
}

extension KeyedDecodingContainer {
    /// ``lenient(_:_:)`` for times: nil also when the time is outside ``OfficialTimeRange``, like any other
    /// unusable value of a field nothing relies on.
    func lenientTime(_ key: Key) -> Timestamp? {
        lenient(Timestamp.self, key).flatMap { OfficialTimeRange.contains($0) ? $0 : nil }
    }
}
