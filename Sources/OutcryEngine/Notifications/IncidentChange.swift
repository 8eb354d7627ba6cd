package import OutcryModel
package import OutcryStore

/// One announceable change of an incident, derived by comparing its stored state with its new one.
///
/// Pure: the engine reads the stored states, calls ``changes(from:to:observedAt:)`` and puts the result in the
/// outbox. Keys are unique per change, so deriving the same change again (a restart, a replay, a second run
/// over the same minutes) never announces it twice.
package struct IncidentChange: Sendable, Equatable {
    package var kind: NotificationEventKind
    /// The incident in its new state.
    package var incident: Incident
    /// When the change happened, as well as it is known: `detected_at` for `opened`, `ended_at` for `resolved`,
    /// the tick that saw it for `level_raised` (no earlier than the truth, never after the end), the status
    /// page's acknowledgement time for `acknowledged`.
    package var occurredAt: Timestamp

    package init(kind: NotificationEventKind, incident: Incident, occurredAt: Timestamp) {
        self.kind = kind
        self.incident = incident
        self.occurredAt = occurredAt
    }

    /// `opened:<id>`, `level:<id>:<level>`, `widened:<id>`, `resolved:<id>` or `acknowledged:<id>`.
    package var key: String {
        switch kind {
        case .opened: "opened:\(incident.id)"
        case .levelRaised: "level:\(incident.id):\(incident.level.rawValue)"
        case .widened: "widened:\(incident.id)"
        case .resolved: "resolved:\(incident.id)"
        case .acknowledged: "acknowledged:\(incident.id)"
        }
    }

    /// The outbox row for this change.
    package var draft: NotificationEventDraft {
        NotificationEventDraft(
            key: key, kind: kind, incidentID: incident.id, service: incident.service, level: incident.level,
            occurredAt: occurredAt
        )
    }

    /// The changes from `previous` (nil: not stored yet) to `current`, in the order they happened.
    ///
    /// - New incident: `opened`, and `resolved` too when it also ended within the run.
    /// - Stored open incident: `level_raised` when its level went up, `widened` when it went from one region to
    ///   its service's global incident, `resolved` when it ended.
    /// - Stored resolved incident: nothing (a resolved incident is not announced again).
    /// - Parameter observedAt: the tick of the run that saw the change (its last tick).
    package static func changes(from previous: StoredIncidentState?, to current: Incident, observedAt: Timestamp)
        -> [IncidentChange]
    {
        var changes: [IncidentChange] = []
        let isResolved = current.status == .resolved
        if let previous {
            guard previous.status == .open else { return [] }
            // When the tick saw it: no earlier than the truth, never after the end.
            let seen = min(observedAt, current.endedAt ?? observedAt)
            if current.level > previous.level {
                changes.append(IncidentChange(kind: .levelRaised, incident: current, occurredAt: seen))
            }
            if !previous.region.isGlobal, current.region.isGlobal {
                changes.append(IncidentChange(kind: .widened, incident: current, occurredAt: seen))
            }
        } else {
            changes.append(IncidentChange(kind: .opened, incident: current, occurredAt: current.detectedAt))
        }
        if isResolved {
            changes.append(
                IncidentChange(kind: .resolved, incident: current, occurredAt: current.endedAt ?? observedAt))
        }
        return changes
    }

    /// The `acknowledged` change of an incident the official status page acknowledged; nil otherwise.
    /// - Parameter now: stands in for the acknowledgement time when the status page gave none.
    package static func acknowledgement(of incident: Incident, now: Timestamp) -> IncidentChange? {
        guard let official = incident.official, official.status == .acknowledged else { return nil }
        return IncidentChange(kind: .acknowledged, incident: incident, occurredAt: official.acknowledgedAt ?? now)
    }

    /// Whether the change is still worth announcing at `instant`: its incident is open (news, however long ago
    /// it was detected), or its resolution was decided no more than `staleAfterSeconds` before `instant`. The
    /// detector decides a resolution `resolveDelaySeconds` (``DetectorSettings/resolveAfterMinutes``) after the
    /// `ended_at` it reports, so that is when the end became known.
    ///
    /// The rule is per incident, so its story is told whole or not at all: a catch-up that finds an incident
    /// opened and resolved sends both events, or neither when the resolution is old news.
    package func isCurrent(at instant: Timestamp, staleAfterSeconds: Int64, resolveDelaySeconds: Int64) -> Bool {
        guard let endedAt = incident.endedAt, incident.status == .resolved else { return true }
        return endedAt.adding(seconds: resolveDelaySeconds) >= instant.adding(seconds: -staleAfterSeconds)
    }
}
