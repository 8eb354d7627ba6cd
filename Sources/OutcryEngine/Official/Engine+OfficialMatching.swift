package import OutcryModel
import OutcryStore

extension Engine {
    /// Attaches what each incident's official status page said: sets ``Incident/official`` (nil when the
    /// service has no official source, else acknowledged or not) and appends one sentence to the summary,
    /// which keeps its leading `Unofficial:`. Calling it again replaces the sentence rather than adding one.
    ///
    /// Reads the sources once and the official incidents once per involved service; `now` (the engine's
    /// clock) ends spans that are still open.
    package func attachOfficial(
        to incidents: inout [Incident], settings: OfficialMatchSettings = OfficialMatchSettings()
    ) throws(EngineError) {
        guard !incidents.isEmpty else { return }
        let now = clock.now()
        var sources: [ServiceSlug: OfficialSource] = [:]
        for source in try officialSources() { sources[source.service] = source }
        // No page linked: nothing to attach (stored incidents never carry the official sentence or field).
        guard !sources.isEmpty else { return }
        var officialByService: [ServiceSlug: [OfficialIncident]] = [:]
        for service in Set(incidents.map(\.service)) where sources[service] != nil {
            let matcher = OfficialMatcher(settings: settings)
            let windows = incidents.filter { $0.service == service }.map { matcher.window(of: $0, now: now) }
            let from = windows.map(\.lowerBound).min()
            let to = windows.map(\.upperBound).max()
            officialByService[service] = try store { try $0.officialIncidents(service: service, from: from, to: to) }
        }
        for index in incidents.indices {
            let service = incidents[index].service
            incidents[index].summary = OfficialSummary.removingSentence(from: incidents[index].summary)
            guard let source = sources[service] else {
                incidents[index].official = nil
                continue
            }
            let matcher = OfficialMatcher(component: source.component, settings: settings)
            let acknowledgement = matcher.acknowledgement(
                for: incidents[index], among: officialByService[service] ?? [], now: now
            )
            incidents[index].official = acknowledgement
            incidents[index].summary += OfficialSummary.sentence(
                for: acknowledgement, startedAt: incidents[index].startedAt
            )
        }
    }

    /// ``attachOfficial(to:settings:)`` for callers that hold the incidents in a `let`.
    package func withOfficial(
        _ incidents: [Incident], settings: OfficialMatchSettings = OfficialMatchSettings()
    ) throws(EngineError) -> [Incident] {
        var copy = incidents
        try attachOfficial(to: &copy, settings: settings)
        return copy
    }
}
