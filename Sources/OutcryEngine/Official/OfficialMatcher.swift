package import OutcryModel

/// How crowd incidents are matched with official ones.
package struct OfficialMatchSettings: Sendable {
    /// Minutes added before and after a crowd incident's span when looking for official incidents (30).
    ///
    /// Both ends are soft: status pages often post well after users notice (or backdate, or resolve before
    /// the last reports stop), and a crowd onset is an estimate of where the run-up began. Without slack a
    /// page posting a few minutes after the crowd incident closed, about the same problem, would not count.
    package var slackMinutes: Int64 = 30

    package init() {}
}

/// Decides whether a service's official status page acknowledged a crowd incident. Pure: no store, no clock.
///
/// An official incident matches when it concerns the linked component (when one is set: it names that
/// component by name or id, or names none) and its span `[created_at, or started_at if earlier;
/// resolved_at, or now]` overlaps the crowd span widened by the slack, `[startedAt − slack,
/// (endedAt or now) + slack]`, ends included. Among several matches the earliest acknowledgement wins.
package struct OfficialMatcher: Sendable {
    /// The component the service is linked to; nil for the whole page.
    package var component: String?
    package var settings: OfficialMatchSettings

    package init(component: String? = nil, settings: OfficialMatchSettings = OfficialMatchSettings()) {
        self.component = component
        self.settings = settings
    }

    /// The crowd incident's span widened by the slack: the window official incidents must overlap (saturating
    /// at the ends of time, so no stored or parsed instant makes it trap).
    package func window(of incident: Incident, now: Timestamp) -> ClosedRange<Timestamp> {
        let from = incident.startedAt.adding(minutes: -settings.slackMinutes)
        let end = incident.endedAt ?? max(now, incident.startedAt)
        // An end before the start (a damaged stored incident) must not make the range trap.
        return from...max(from, end.adding(minutes: settings.slackMinutes))
    }

    /// The official incidents that acknowledge `incident`, earliest acknowledgement first.
    package func matches(
        for incident: Incident, among official: [OfficialIncident], now: Timestamp
    ) -> [OfficialIncident] {
        let window = window(of: incident, now: now)
        return official.filter { candidate in
            if let component, !candidate.concerns(component: component) { return false }
            let start = candidate.spanStart
            let end = candidate.spanEnd ?? max(now, start)
            return start <= window.upperBound && end >= window.lowerBound
        }
        .sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }
    }

    /// What the page said about `incident`: acknowledged by the earliest match, or not acknowledged.
    package func acknowledgement(
        for incident: Incident, among official: [OfficialIncident], now: Timestamp
    )
        -> OfficialAcknowledgement
    {
        guard let first = matches(for: incident, among: official, now: now).first else { return .notAcknowledged }
        return OfficialAcknowledgement(
            status: .acknowledged, acknowledgedAt: first.createdAt,
            leadMinutes: Self.leadMinutes(from: incident.startedAt, to: first.createdAt), title: first.name,
            url: first.url, incidentID: first.id, impact: first.impact?.rawValue
        )
    }

    /// Whole minutes from the crowd onset to the acknowledgement, truncated towards zero: positive when
    /// users were first, negative when the page was, 0 within a minute either way. Never traps: the
    /// difference saturates (times are bounded by ``OfficialTimeRange`` before they get here anyway).
    package static func leadMinutes(from onset: Timestamp, to acknowledgedAt: Timestamp) -> Int {
        Int(clamping: acknowledgedAt.secondsSince(onset) / 60)
    }
}
