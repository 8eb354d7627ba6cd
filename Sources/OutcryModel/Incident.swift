/// A likely outage inferred from user reports: always an unofficial indicator, never a confirmation.
///
/// The JSON form of this type is a public interface (`outcry export --format json`, `GET /v1/incidents`):
/// keep the coding keys stable.
package struct Incident: Codable, Sendable, Equatable, Identifiable {
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

    enum CodingKeys: String, CodingKey {
        case id, service, region, status, level, label
        case detectedAt = "detected_at"
        case startedAt = "started_at"
        case peakAt = "peak_at"
        case endedAt = "ended_at"
        case peakReports = "peak_reports"
        case baselineReports = "baseline_reports"
        case totalReports = "total_reports"
        case excessReports = "excess_reports"
        case scope, regions
        case topProblems = "top_problems"
        case problemMixShift = "problem_mix_shift"
        case summary, evidence, official, expected
        case expectedReason = "expected_reason"
    }

    /// Like the synthesized decoding, with `expected` and `expected_reason` optional (absent: not expected).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        service = try container.decode(ServiceSlug.self, forKey: .service)
        region = try container.decode(Region.self, forKey: .region)
        status = try container.decode(IncidentStatus.self, forKey: .status)
        level = try container.decode(AlertLevel.self, forKey: .level)
        label = try container.decode(String.self, forKey: .label)
        detectedAt = try container.decode(Timestamp.self, forKey: .detectedAt)
        startedAt = try container.decode(Timestamp.self, forKey: .startedAt)
        peakAt = try container.decode(Timestamp.self, forKey: .peakAt)
        endedAt = try container.decodeIfPresent(Timestamp.self, forKey: .endedAt)
        peakReports = try container.decode(Int.self, forKey: .peakReports)
        baselineReports = try container.decode(Double.self, forKey: .baselineReports)
        totalReports = try container.decode(Int.self, forKey: .totalReports)
        excessReports = try container.decode(Int.self, forKey: .excessReports)
        scope = try container.decode(IncidentScope.self, forKey: .scope)
        regions = try container.decode([Region].self, forKey: .regions)
        topProblems = try container.decode([ProblemShare].self, forKey: .topProblems)
        problemMixShift = try container.decode(Double.self, forKey: .problemMixShift)
        summary = try container.decode(String.self, forKey: .summary)
        evidence = try container.decode(IncidentEvidence.self, forKey: .evidence)
        official = try container.decodeIfPresent(OfficialAcknowledgement.self, forKey: .official)
        expected = try container.decodeIfPresent(Bool.self, forKey: .expected) ?? false
        expectedReason = try container.decodeIfPresent(String.self, forKey: .expectedReason)
    }

    /// Synthesized encoding would leave `ended_at` out while open; the public JSON says `null`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(service, forKey: .service)
        try container.encode(region, forKey: .region)
        try container.encode(status, forKey: .status)
        try container.encode(level, forKey: .level)
        try container.encode(label, forKey: .label)
        try container.encode(detectedAt, forKey: .detectedAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(peakAt, forKey: .peakAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(peakReports, forKey: .peakReports)
        try container.encode(baselineReports, forKey: .baselineReports)
        try container.encode(totalReports, forKey: .totalReports)
        try container.encode(excessReports, forKey: .excessReports)
        try container.encode(scope, forKey: .scope)
        try container.encode(regions, forKey: .regions)
        try container.encode(topProblems, forKey: .topProblems)
        try container.encode(problemMixShift, forKey: .problemMixShift)
        try container.encode(summary, forKey: .summary)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(official, forKey: .official)
        if expected {
            try container.encode(true, forKey: .expected)
            try container.encode(expectedReason ?? "", forKey: .expectedReason)
        }
    }

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
