/// The numbers behind an incident's level, so a reader can judge the call for themselves.
package struct IncidentEvidence: Sendable, Equatable {
    /// Expected reports per 15 minutes at the moment of detection.
    package var baseline: Double
    /// Reports counted in the 15 minutes up to detection.
    package var observed: Double
    /// The significance statistic (robust z-score of observed against baseline, in units of the series' spread).
    package var statistic: Double
    /// `observed / baseline` at detection.
    package var ratio: Double
    /// Distinct reporters in the 15 minutes up to detection.
    package var reporters: Int
    /// The thresholds in force (from ``DetectorSettings``): statistic for `possible` and `likely`, minimum
    /// ratio and minimum distinct reporters.
    package var possibleThreshold: Double
    package var likelyThreshold: Double
    package var minimumRatio: Double
    package var minimumReporters: Int
    /// False while the baseline rests on less history than a full week (cold start: wider margins apply).
    package var baselineMature: Bool

    package init(
        baseline: Double, observed: Double, statistic: Double, ratio: Double, reporters: Int,
        possibleThreshold: Double, likelyThreshold: Double, minimumRatio: Double, minimumReporters: Int,
        baselineMature: Bool
    ) {
        self.baseline = baseline
        self.observed = observed
        self.statistic = statistic
        self.ratio = ratio
        self.reporters = reporters
        self.possibleThreshold = possibleThreshold
        self.likelyThreshold = likelyThreshold
        self.minimumRatio = minimumRatio
        self.minimumReporters = minimumReporters
        self.baselineMature = baselineMature
    }
}
