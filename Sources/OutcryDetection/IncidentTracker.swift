import OutcryModel

/// The detector's working state for one open incident; ``Detector`` turns it into an `Incident`.
struct IncidentTracker: Codable, Sendable {
    var id: String
    var onsetMinute: Int64
    var detectedAt: Timestamp
    var peakAt: Timestamp
    /// Reports per 15 minutes at the peak, and what was expected then.
    var peakReports: Int
    var baselineAtPeak: Double
    /// Reports and expected reports from the onset to now (up to the last raised minute).
    var total: Int
    var expectedTotal: Double
    /// Counted reports per problem (index = `ProblemKind.index`).
    var problems: [Int]
    /// Minutes in a row at level normal; the incident resolves when they reach the cool-down.
    var quietMinutes = 0
    /// Reports during the current quiet stretch: added to the totals if the incident flares up again,
    /// dropped if it resolves.
    var pendingTotal = 0
    var pendingExpected = 0.0
    var pendingProblems = [Int](repeating: 0, count: 8)
    /// For a global incident, the regions seen above their own baseline while it was raised (sorted).
    var regions: [Region]
    var evidence: IncidentEvidence
    /// Set when the incident was detected in a `QuietWindow` of its service: the window's text.
    var expectedReason: String?
    /// The state last reported in a ``TickOutcome``.
    var lastEmitted: Incident?

    /// `peakReports / baselineAtPeak`, the baseline floored at one report.
    var peakRatio: Double { SeriesStatus.ratio(observed: Double(peakReports), baseline: baselineAtPeak) }

    mutating func insertRegion(_ region: Region) {
        guard !regions.contains(region) else { return }
        regions.append(region)
        regions.sort()
    }
}

/// One incident's part in a group event.
struct GroupMember: Codable, Sendable, Equatable {
    var incidentId: String
    var service: ServiceSlug
    var startedAt: Timestamp
    var endedAt: Timestamp?
    /// Peak reports over the baseline at the peak.
    var relativeExcess: Double
}

/// The detector's working state for one group event.
struct GroupTracker: Codable, Sendable {
    var id: String
    var group: String
    var members: [GroupMember]
    var lastEmitted: GroupEvent?

    var isResolved: Bool { members.allSatisfy { $0.endedAt != nil } }
    var endedAt: Timestamp? {
        guard isResolved else { return nil }
        return members.compactMap(\.endedAt).max()
    }
}
