/// A span of time in which a surge of reports for one service is expected (a maintenance, a launch, a sports
/// final): reports are still counted, the baseline does not learn from them, and an incident detected inside
/// it is marked ``Incident/expected`` instead of alerting.
///
/// The span is half-open, `[startsAt, endsAt)`; a minute is quiet when its first second lies in it.
package struct QuietWindow: Sendable, Equatable, Codable {
    /// The longest reason kept, in UTF-8 bytes (the operator's is refused beyond it, a status page's is cut).
    package static let maximumReasonBytes = 200

    /// The store's id (0 before it is stored).
    package var id: Int64
    package var service: ServiceSlug
    package var startsAt: Timestamp
    package var endsAt: Timestamp
    /// Why the surge is expected; may be empty for an operator's window.
    package var reason: String
    package var source: QuietWindowSource
    package var createdAt: Timestamp

    package init(
        id: Int64 = 0, service: ServiceSlug, startsAt: Timestamp, endsAt: Timestamp, reason: String,
        source: QuietWindowSource = .operator, createdAt: Timestamp
    ) {
        self.id = id
        self.service = service
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.reason = reason
        self.source = source
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, service, reason, source
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case createdAt = "created_at"
    }

    /// The first quiet epoch minute: the first minute that starts at or after ``startsAt``.
    package var firstMinute: Int64 { Self.minuteCeiling(startsAt.seconds) }
    /// The first epoch minute after the window (exclusive end).
    package var endMinute: Int64 { Self.minuteCeiling(endsAt.seconds) }

    /// Whether the epoch minute `minute` is quiet (its first second lies in the window).
    package func covers(minute: Int64) -> Bool { minute >= firstMinute && minute < endMinute }

    /// Whether any minute of `[fromMinute, toMinute)` is quiet.
    package func overlaps(fromMinute: Int64, toMinute: Int64) -> Bool {
        firstMinute < toMinute && endMinute > fromMinute && firstMinute < endMinute
    }

    /// What an expected incident says about this window: the reason, or a neutral phrase without one.
    package var expectationText: String { reason.isEmpty ? "quiet window \(id)" : reason }

    /// `ceil(seconds / 60)` without overflow.
    static func minuteCeiling(_ seconds: Int64) -> Int64 {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 60)
        return remainder > 0 ? quotient + 1 : quotient
    }

    /// Checks a window's span and reason: both times within ``OfficialTimeRange`` (2000–2099), `from` before
    /// `to`, and the reason at most ``maximumReasonBytes`` bytes without control characters.
    /// - Returns: why the window is not acceptable, or nil.
    package static func problem(from: Timestamp, to: Timestamp, reason: String) -> String? {
        for (name, time) in [("--from", from), ("--to", to)] where !OfficialTimeRange.contains(time) {
            return "\(name) \(OfficialTimeRange.quote(time)) is out of range; use \(OfficialTimeRange.allowed)"
        }
        guard from < to else {
            return "--from \(from.iso8601) must be before --to \(to.iso8601)"
        }
        guard reason.utf8.count <= maximumReasonBytes else {
            return "--reason is \(reason.utf8.count) bytes long; at most \(maximumReasonBytes) bytes are allowed"
        }
        if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "--reason contains a control character (a line break or tab); use one line of plain text"
        }
        return nil
    }

    /// `text` with control characters replaced by spaces and cut to `limit` bytes on a character boundary
    /// (ending in `…` when cut): for reasons taken from a status page.
    package static func boundedReason(_ text: String, limit: Int = maximumReasonBytes) -> String {
        let cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        guard cleaned.utf8.count > limit else { return cleaned }
        var cut = ""
        let budget = max(0, limit - "…".utf8.count)
        for character in cleaned {
            guard cut.utf8.count + character.utf8.count <= budget else { break }
            cut.append(character)
        }
        return cut + "…"
    }
}

/// Who declared a ``QuietWindow``: the operator (`outcry service quiet`) or a linked status page's scheduled
/// maintenance (`official:<maintenance id>`).
package enum QuietWindowSource: Sendable, Equatable, Hashable, Codable {
    case `operator`
    /// A scheduled maintenance of the service's official status page, by its id on the page.
    case official(String)

    /// `operator` or `official:<id>`, as stored.
    package var rawValue: String {
        switch self {
        case .operator: "operator"
        case .official(let id): "official:\(id)"
        }
    }

    /// Parses the stored form; nil for anything else.
    package init?(rawValue: String) {
        if rawValue == "operator" {
            self = .operator
        } else if rawValue.hasPrefix("official:"), rawValue.count > "official:".count {
            self = .official(String(rawValue.dropFirst("official:".count)))
        } else {
            return nil
        }
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = QuietWindowSource(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a quiet window source: \(text)"))
        }
        self = parsed
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
