package import OutcryModel

/// A service's incident history: episodes per year and month, durations and the spacing between them.
///
/// Counts ``IncidentEpisode``s (overlapping incidents merged), so an outage seen globally and in three regions
/// is one incident. Open episodes last until ``asOf``. Like every incident, the history is unofficial: inferred
/// from user reports.
package struct IncidentHistory: Sendable {
    /// One calendar year (UTC) of a history.
    package struct Year: Sendable, Equatable {
        package var year: Int64
        /// Episodes starting in each month, January first (12 entries).
        package var monthCounts: [Int]
        package var count: Int
        package var totalSeconds: Int64
        package var medianSeconds: Int64
        package var longest: IncidentEpisode?
    }

    package var service: MonitoredService
    /// The instant open episodes are measured up to.
    package var asOf: Timestamp
    /// Oldest first.
    package var episodes: [IncidentEpisode]

    /// The history of `service` from its incidents (any region; other services' incidents are ignored).
    package init(service: MonitoredService, incidents: [Incident], asOf: Timestamp) {
        self.service = service
        self.asOf = asOf
        self.episodes = IncidentEpisode.merge(incidents.filter { $0.service == service.slug })
    }

    /// The history restricted to episodes starting in `year` (UTC).
    package func restricted(toYear year: Int64) -> IncidentHistory {
        var copy = self
        copy.episodes = episodes.filter { CivilTime($0.startedAt).year == year }
        return copy
    }

    package var count: Int { episodes.count }

    /// Total seconds of all episodes.
    package var totalSeconds: Int64 { episodes.reduce(0) { $0 + $1.durationSeconds(asOf: asOf) } }

    /// The median episode duration (the mean of the middle two for an even count); nil without episodes.
    package var medianSeconds: Int64? { Self.median(episodes.map { $0.durationSeconds(asOf: asOf) }) }

    /// The longest episode (the earliest among equals).
    package var longest: IncidentEpisode? {
        episodes.reduce(nil) { best, next in
            guard let best else { return next }
            return next.durationSeconds(asOf: asOf) > best.durationSeconds(asOf: asOf) ? next : best
        }
    }

    /// Mean seconds from one episode's onset to the next one's; nil with fewer than two episodes.
    package var meanSecondsBetween: Int64? {
        guard let first = episodes.first, let last = episodes.last, episodes.count >= 2 else { return nil }
        return (last.startedAt.seconds - first.startedAt.seconds) / Int64(episodes.count - 1)
    }

    /// Episodes whose service has an official source: how many the status page acknowledged, how many it never
    /// did, and the median minutes users were ahead of it (nil without acknowledged episodes).
    package var officialRecord: (acknowledged: Int, neverAcknowledged: Int, medianLeadMinutes: Int?)? {
        let known = episodes.compactMap(\.official)
        guard !known.isEmpty else { return nil }
        let leads = known.filter(\.isAcknowledged).compactMap { $0.leadMinutes.map(Int64.init) }
        let acknowledged = known.filter(\.isAcknowledged).count
        return (acknowledged, known.count - acknowledged, Self.median(leads).map { Int($0) })
    }

    /// Per-year statistics, oldest year first (only years with episodes).
    package var years: [Year] {
        var byYear: [Int64: [IncidentEpisode]] = [:]
        for episode in episodes { byYear[CivilTime(episode.startedAt).year, default: []].append(episode) }
        return byYear.keys.sorted().map { year in
            let inYear = byYear[year] ?? []
            var months = [Int](repeating: 0, count: 12)
            for episode in inYear { months[Int(CivilTime(episode.startedAt).month - 1)] += 1 }
            var part = self
            part.episodes = inYear
            return Year(
                year: year, monthCounts: months, count: inYear.count, totalSeconds: part.totalSeconds,
                medianSeconds: part.medianSeconds ?? 0, longest: part.longest
            )
        }
    }

    /// Where `incident` stands in the history: its episode's rank within its year (1 = first) and the episode
    /// before it, if any. Nil when the incident is not part of this history.
    package func position(of incident: Incident) -> (ordinalInYear: Int, year: Int64, previous: IncidentEpisode?)? {
        guard let index = episodes.firstIndex(where: { $0.incidentIDs.contains(incident.id) }) else { return nil }
        let year = CivilTime(episodes[index].startedAt).year
        let ordinal = episodes[...index].filter { CivilTime($0.startedAt).year == year }.count
        return (ordinal, year, index > 0 ? episodes[index - 1] : nil)
    }

    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
