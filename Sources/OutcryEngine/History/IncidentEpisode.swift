package import OutcryModel

/// One outage of a service as history counts it: overlapping incidents of the service (the whole-service
/// incident and its regional ones) merged into one span, so a single outage is counted once.
package struct IncidentEpisode: Sendable, Equatable {
    /// The earliest onset among the merged incidents.
    package var startedAt: Timestamp
    /// The latest recovery, nil while any of them is open.
    package var endedAt: Timestamp?
    /// The merged incidents' ids, earliest onset first.
    package var incidentIDs: [String]
    /// What the official status page said of the episode: the earliest acknowledgement among its incidents
    /// (lead measured from the episode's onset), `not acknowledged` when none was, nil when the service has no
    /// official source.
    package var official: OfficialAcknowledgement?

    package init(
        startedAt: Timestamp, endedAt: Timestamp?, incidentIDs: [String], official: OfficialAcknowledgement? = nil
    ) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.incidentIDs = incidentIDs
        self.official = official
    }

    package var isOpen: Bool { endedAt == nil }

    /// Seconds from onset to recovery, or to `asOf` while open.
    package func durationSeconds(asOf: Timestamp) -> Int64 {
        max(0, (endedAt ?? max(asOf, startedAt)).seconds - startedAt.seconds)
    }

    /// Merges overlapping (or touching) incident spans into episodes, oldest first.
    package static func merge(_ incidents: [Incident]) -> [IncidentEpisode] {
        var episodes: [IncidentEpisode] = []
        for incident in incidents.sorted(by: { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }) {
            if var last = episodes.last, last.endedAt.map({ incident.startedAt <= $0 }) ?? true {
                if let end = last.endedAt {
                    last.endedAt = incident.endedAt.map { max($0, end) }
                }
                last.incidentIDs.append(incident.id)
                last.absorbOfficial(incident.official)
                episodes[episodes.count - 1] = last
            } else {
                var episode = IncidentEpisode(
                    startedAt: incident.startedAt, endedAt: incident.endedAt, incidentIDs: [incident.id]
                )
                episode.absorbOfficial(incident.official)
                episodes.append(episode)
            }
        }
        return episodes
    }

    /// Keeps the earliest acknowledgement, its lead re-measured from the episode's onset.
    private mutating func absorbOfficial(_ other: OfficialAcknowledgement?) {
        guard let other else { return }
        guard other.isAcknowledged, let at = other.acknowledgedAt else {
            if official == nil { official = other }
            return
        }
        if let current = official?.acknowledgedAt, current <= at { return }
        var acknowledged = other
        acknowledged.leadMinutes = Int((at.seconds - startedAt.seconds) / 60)
        official = acknowledged
    }
}
