package import OutcryModel

/// What the detector currently thinks of one series.
package struct SeriesStatus: Sendable, Equatable, Codable {
    package var key: SeriesKey
    /// Normal, possible or likely (after hysteresis).
    package var level: AlertLevel
    /// A spike carried by too few distinct reporters (anonymous reports, one reporter repeating, or one
    /// relay token however many reporter ids it sends): labelled, opens no incident.
    package var isPossibleFlood: Bool
    /// The possible flood is carried by one source: a single relay token sent the reports that would
    /// otherwise have counted as distinct reporters.
    package var isSingleSourceFlood: Bool
    /// Reports counted in the last 15 minutes.
    package var observed: Double
    /// Expected reports per 15 minutes now.
    package var baseline: Double
    /// Robust z-score of `observed` against `baseline`, in units of the series' own spread.
    package var statistic: Double
    /// False while the series has less than ``DetectorSettings/maturityMinutes`` of history.
    package var isBaselineMature: Bool
    /// Evidence of an outage accumulated over the last minutes (a CUSUM of the statistic), and the level at
    /// which it makes the series `likely`: calibrated on the series' own history (see ``AlarmCalibration``).
    package var evidence: Double = 0
    package var evidenceThreshold: Double = 0

    /// `observed / baseline` with the baseline floored at one report, so a quiet series (baseline near zero)
    /// shows its raw count instead of an exploding ratio: the "×" the status page, the CLI and the API show.
    package var ratio: Double { Self.ratio(observed: observed, baseline: baseline) }

    /// The floored ratio of ``ratio`` for any observed count and baseline (a region's, a bucket's).
    package static func ratio(observed: Double, baseline: Double) -> Double { observed / max(baseline, 1) }

    package init(
        key: SeriesKey, level: AlertLevel, isPossibleFlood: Bool, observed: Double, baseline: Double,
        statistic: Double, isBaselineMature: Bool, isSingleSourceFlood: Bool = false, evidence: Double = 0,
        evidenceThreshold: Double = 0
    ) {
        self.evidence = evidence
        self.evidenceThreshold = evidenceThreshold
        self.isSingleSourceFlood = isSingleSourceFlood
        self.key = key
        self.level = level
        self.isPossibleFlood = isPossibleFlood
        self.observed = observed
        self.baseline = baseline
        self.statistic = statistic
        self.isBaselineMature = isBaselineMature
    }
}
