/// A likely outage inferred from user reports: always an unofficial indicator, never a confirmation.
///
/// The JSON form of this type is a public interface (`outcry export --format json`, `GET /v1/incidents`):
/// its one definition is the field table in `Incident+Wire.swift`; keep the names stable.
package struct Incident: Sendable, Equatable, Identifiable {
    /// Every incident says it is unofficial, in every output.
    package static let unofficialLabel = "unofficial"

    /// Deterministic: `service/region/onset-minute`, so replaying a range never duplicates an incident.
    package var id: String
    package var service: ServiceSlug
    /// The region, or ``Region/global`` for the service as a whole.
    package var region: Region
    package var status: IncidentStatus
    /// The highest level reached.
    package var level: AlertLevel
    package var label: String = Incident.unofficialLabel
    /// The tick at which the incident was first raised (the replayed tick in a replay, never the wall clock).
    package var detectedAt: Timestamp
    /// Estimated onset: where the run-up began.
    package var startedAt: Timestamp
    package var peakAt: Timestamp
    /// Nil while open.
    package var endedAt: Timestamp?
    /// Reports per 15 minutes at the peak.
    package var peakReports: Int
    /// Expected reports per 15 minutes at the peak.
    package var baselineReports: Double
    package var totalReports: Int
    package var excessReports: Int
    package var scope: IncidentScope
    /// For a global incident, the regions that were above their own baseline; for a regional one, its region.
    package var regions: [Region]
    package var topProblems: [ProblemShare]
    /// How far the problem mix departs from the service's usual mix: total variation distance, 0…1.
    package var problemMixShift: Double
    /// One sentence for people, starting with `Unofficial:`.
    package var summary: String
    package var evidence: IncidentEvidence
    /// What the service's official status page said, when the service is linked to one (attached when
    /// incidents are read for output, never by the detector); nil (JSON `null`) for services without one.
    package var official: OfficialAcknowledgement?
    /// Detected inside a ``QuietWindow`` of the service (a maintenance, a launch): shown, never alerted on.
    /// Encoded only when true, so the JSON of every other incident is unchanged.
    package var expected = false
    /// Why the surge was expected (the window's reason); nil unless ``expected``.
    package var expectedReason: String?

    package init(
        id: String, service: ServiceSlug, region: Region, status: IncidentStatus, level: AlertLevel,
        detectedAt: Timestamp, startedAt: Timestamp, peakAt: Timestamp, endedAt: Timestamp?,
        peakReports: Int, baselineReports: Double, totalReports: Int, excessReports: Int,
        scope: IncidentScope, regions: [Region], topProblems: [ProblemShare], problemMixShift: Double,
        summary: String, evidence: IncidentEvidence
    ) {
        self.id = id
        self.service = service
        self.region = region
        self.status = status
        self.level = level
        self.detectedAt = detectedAt
        self.startedAt = startedAt
        self.peakAt = peakAt
        self.endedAt = endedAt
        self.peakReports = peakReports
        self.baselineReports = baselineReports
        self.totalReports = totalReports
        self.excessReports = excessReports
        self.scope = scope
        self.regions = regions
        self.topProblems = topProblems
        self.problemMixShift = problemMixShift
        self.summary = summary
        self.evidence = evidence
    }

    /// Whether the incident's span `[startedAt, endedAt or now]` overlaps `[from, to]`.
    package func overlaps(from: Timestamp?, to: Timestamp?) -> Bool {
        if let to, startedAt > to { return false }
        if let from, let endedAt, endedAt < from { return false }
        return true
    }

    /// `peakReports / baselineReports`, with the baseline floored at one report.
    package var ratio: Double { Double(peakReports) / max(baselineReports, 1) }
}
