/// The detector's tunable parameters, with the defaults real users get.
///
/// Counts are judged on 15-minute rolling sums, transformed with Anscombe's variance-stabilising transform
/// `2·sqrt(x + 3/8)`; "statistic" values are robust z-scores on that scale, in units of the series' own spread.
/// The rationale for every default is in <doc:HowTheDetectorWorks>.
package struct DetectorSettings: Sendable, Codable, Equatable {
    /// Statistic at or above which a series is `possible` (moderate evidence).
    package var possibleStatistic: Double = 3
    /// The one knob: with `normal` sensitivity, a series with no outage raises a false incident about once in
    /// this many weeks. `low` sensitivity uses ``sensitivityFactor`` times as many weeks, `high` that many fewer.
    package var falseAlarmWeeks: Double = 13
    /// How far apart the three sensitivities' false-alarm rates are (a factor on ``falseAlarmWeeks``).
    package var sensitivityFactor: Double = 4
    /// The statistic a minute must exceed to add to the accumulated evidence (the CUSUM's allowance).
    package var evidenceAllowance: Double = 1.5
    /// A minute adds at most this statistic to the evidence, so duration counts: even an overwhelming window
    /// needs a few minutes, and a short burst cannot carry an alarm on its size alone.
    package var evidenceCap: Double = 6
    /// Episodes of evidence peaking above this are the calibration's tail (peaks over threshold).
    package var tailStart: Double = 5
    /// The prior tail, from a simulated Poisson series: mean excess of an episode peak over ``tailStart``…
    package var priorExcess: Double = 3
    /// …and how many tail episodes per week it has; the prior is worth ``calibrationPriorEpisodes`` episodes.
    package var priorEpisodesPerWeek: Double = 0.5
    package var calibrationPriorEpisodes: Double = 4
    /// Half-life of the calibration's record of episodes, in minutes.
    package var calibrationHalfLifeMinutes: Double = 40320
    /// One episode's excess enters the record capped at this multiple of the current threshold's excess.
    package var excessCap: Double = 2
    /// Minimum `observed / baseline` (baseline floored at one report) for any raised level.
    package var minimumRatio: Double = 1.5
    /// Minimum distinct reporters (counted minus anonymous reports) in the last 15 minutes for any raised level.
    package var minimumReporters: Int = 10
    /// A raised series stays `possible` until its statistic falls below this (hysteresis on the way down).
    package var releaseStatistic: Double = 2
    /// Minutes a series must stay `normal` before its incident resolves; a relapse within them continues the
    /// same incident.
    package var resolveAfterMinutes: Int = 180
    /// Half-life of the baseline's level (the part that follows trends), in minutes.
    package var levelHalfLifeMinutes: Double = 1440
    /// Half-life of the recent level used before the time-of-day profile has seen the current slot (cold start).
    package var recentHalfLifeMinutes: Double = 60
    /// Fraction of the gap a time-of-day slot closes at each daily visit.
    package var dailyProfileRate: Double = 0.25
    /// Fraction of the gap a day-of-week slot closes at each weekly visit.
    package var weeklyProfileRate: Double = 0.3
    /// Half-life of the spread estimate (EWMA of absolute residuals), in minutes.
    package var spreadHalfLifeMinutes: Double = 2880
    /// Residuals larger than this many spreads are capped before they enter the spread estimate.
    package var spreadClip: Double = 10
    /// What the baseline learns is winsorised at this many spreads from the expectation, so an outage
    /// cannot inflate next week's baseline.
    package var learningClip: Double = 2.5
    /// The smallest spread used, on the Anscombe scale (1 is a Poisson count's spread).
    package var minimumSpread: Double = 1
    /// History after which the baseline is mature (a full week: every day-of-week slot seen once).
    package var maturityMinutes: Int = 10080
    /// Extra margin on every threshold at the very start, shrinking linearly to zero at maturity
    /// (0.5 means thresholds 50 % higher on a brand-new series).
    package var coldStartMargin: Double = 0.5
    /// A series raises nothing before it has this much history.
    package var minimumHistoryMinutes: Int = 60
    /// How far back the onset (`startedAt`) of an incident may be placed before its detection.
    package var onsetLookbackMinutes: Int = 120
    /// For a global incident, a region counts as affected when it is raised itself or its own statistic
    /// reaches this (with the minimum ratio).
    package var regionStatistic: Double = 3
    /// A global incident with at most this many affected regions (and more than one) is `multi-region`;
    /// with more it is `global`; with exactly one it is `regional`.
    package var multiRegionMaximum: Int = 3
    /// Half-life of the usual problem mix of each series, in minutes.
    package var mixHalfLifeMinutes: Double = 10080
    /// How many problems an incident lists in `topProblems`.
    package var topProblemCount: Int = 3

    package init() {}

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var s = DetectorSettings()
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let decoded = try c.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try read(.possibleStatistic, &s.possibleStatistic)
        try read(.falseAlarmWeeks, &s.falseAlarmWeeks)
        try read(.sensitivityFactor, &s.sensitivityFactor)
        try read(.evidenceAllowance, &s.evidenceAllowance)
        try read(.evidenceCap, &s.evidenceCap)
        try read(.tailStart, &s.tailStart)
        try read(.priorExcess, &s.priorExcess)
        try read(.priorEpisodesPerWeek, &s.priorEpisodesPerWeek)
        try read(.calibrationPriorEpisodes, &s.calibrationPriorEpisodes)
        try read(.calibrationHalfLifeMinutes, &s.calibrationHalfLifeMinutes)
        try read(.excessCap, &s.excessCap)
        try read(.minimumRatio, &s.minimumRatio)
        try read(.minimumReporters, &s.minimumReporters)
        try read(.releaseStatistic, &s.releaseStatistic)
        try read(.resolveAfterMinutes, &s.resolveAfterMinutes)
        try read(.levelHalfLifeMinutes, &s.levelHalfLifeMinutes)
        try read(.recentHalfLifeMinutes, &s.recentHalfLifeMinutes)
        try read(.dailyProfileRate, &s.dailyProfileRate)
        try read(.weeklyProfileRate, &s.weeklyProfileRate)
        try read(.spreadHalfLifeMinutes, &s.spreadHalfLifeMinutes)
        try read(.learningClip, &s.learningClip)
        try read(.spreadClip, &s.spreadClip)
        try read(.minimumSpread, &s.minimumSpread)
        try read(.maturityMinutes, &s.maturityMinutes)
        try read(.coldStartMargin, &s.coldStartMargin)
        try read(.minimumHistoryMinutes, &s.minimumHistoryMinutes)
        try read(.onsetLookbackMinutes, &s.onsetLookbackMinutes)
        try read(.regionStatistic, &s.regionStatistic)
        try read(.multiRegionMaximum, &s.multiRegionMaximum)
        try read(.mixHalfLifeMinutes, &s.mixHalfLifeMinutes)
        try read(.topProblemCount, &s.topProblemCount)
        self = s
    }

    enum CodingKeys: String, CodingKey {
        case possibleStatistic = "possible_statistic"
        case falseAlarmWeeks = "false_alarm_weeks"
        case sensitivityFactor = "sensitivity_factor"
        case evidenceAllowance = "evidence_allowance"
        case evidenceCap = "evidence_cap"
        case tailStart = "tail_start"
        case priorExcess = "prior_excess"
        case priorEpisodesPerWeek = "prior_episodes_per_week"
        case calibrationPriorEpisodes = "calibration_prior_episodes"
        case calibrationHalfLifeMinutes = "calibration_half_life_minutes"
        case excessCap = "excess_cap"
        case minimumRatio = "minimum_ratio"
        case minimumReporters = "minimum_reporters"
        case releaseStatistic = "release_statistic"
        case resolveAfterMinutes = "resolve_after_minutes"
        case levelHalfLifeMinutes = "level_half_life_minutes"
        case recentHalfLifeMinutes = "recent_half_life_minutes"
        case dailyProfileRate = "daily_profile_rate"
        case weeklyProfileRate = "weekly_profile_rate"
        case spreadHalfLifeMinutes = "spread_half_life_minutes"
        case learningClip = "learning_clip"
        case spreadClip = "spread_clip"
        case minimumSpread = "minimum_spread"
        case maturityMinutes = "maturity_minutes"
        case coldStartMargin = "cold_start_margin"
        case minimumHistoryMinutes = "minimum_history_minutes"
        case onsetLookbackMinutes = "onset_lookback_minutes"
        case regionStatistic = "region_statistic"
        case multiRegionMaximum = "multi_region_maximum"
        case mixHalfLifeMinutes = "mix_half_life_minutes"
        case topProblemCount = "top_problem_count"
    }
}
