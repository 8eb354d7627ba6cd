/// Evidence of an outage accumulated over time, and the series' own record of how high that evidence climbs by
/// chance: the threshold for `likely` is set so that a series alarms by chance at a chosen rate.
///
/// **Evidence** is a one-sided CUSUM of the window statistic: each minute it grows by the statistic minus the
/// ``DetectorSettings/evidenceAllowance`` (and shrinks when the statistic is below it), never below zero. A huge
/// excess crosses the threshold within minutes, a moderate one after longer, and a burst that stops drains
/// away before it gets there.
///
/// **Calibration** is peaks-over-threshold on the evidence's *episodes* (a run above zero): every episode's peak
/// above ``DetectorSettings/tailStart`` is an exceedance; the excesses over it are modelled as exponential
/// (the tail of a CUSUM's excursion maxima is asymptotically exponential). With `n` exceedances in `T` minutes
/// and mean excess `β`, the chance rate of episodes reaching `h` is `(n / T)·exp(−(h − u)/β)`; solving it for
/// the target rate gives the threshold. Counts decay (``DetectorSettings/calibrationHalfLifeMinutes``) and start
/// from a prior — the behaviour of a Poisson series measured by simulation — worth
/// ``DetectorSettings/calibrationPriorEpisodes`` exceedances, so a new series starts from the Poisson case
/// and a bursty one raises its own threshold after a few bursts. An episode that touches a quiet window (a
/// planned launch, a maintenance) is expected, not chance: it is left out of the record.
struct AlarmCalibration: Codable, Sendable {
    /// The accumulated evidence now.
    var evidence: Double = 0
    /// The highest evidence of the current episode.
    var episodePeak: Double = 0
    /// Decayed number of episodes whose peak passed the tail start.
    var exceedances: Double = 0
    /// Decayed sum of those peaks' excess over the tail start (each capped).
    var excess: Double = 0
    /// Decayed minutes observed.
    var minutes: Double = 0
    /// The current episode touched a quiet window, so its peak is not recorded (nil: false; optional so saved
    /// states without it still load).
    var isEpisodeExpected: Bool?

    /// Adds one minute's statistic (decaying the tail record by one minute); returns the evidence. `isExpected`
    /// marks a quiet minute: the episode it belongs to will not be recorded.
    @inline(__always)
    mutating func accumulate(
        _ statistic: Double, gains: Gains, targetMinutes: Double, isExpected: Bool = false
    ) -> Double {
        let decay = gains.calibrationDecay
        minutes = minutes * decay + 1
        exceedances *= decay
        excess *= decay
        evidence = max(0, evidence + statistic - gains.evidenceAllowance)
        if evidence > 0 {
            episodePeak = max(episodePeak, evidence)
            if isExpected { isEpisodeExpected = true }
        } else if episodePeak > 0 {
            if isEpisodeExpected == true {
                episodePeak = 0
                isEpisodeExpected = nil
            } else {
                closeEpisode(gains: gains, targetMinutes: targetMinutes)
            }
        }
        return evidence
    }

    /// Records the finished episode's peak in the tail.
    mutating func closeEpisode(gains: Gains, targetMinutes: Double) {
        let peak = episodePeak
        episodePeak = 0
        guard peak > gains.tailStart else { return }
        // One exceptional episode (a real outage) may raise the threshold, but by a bounded amount.
        let cap =
            gains.excessCap
            * (threshold(gains: gains, targetMinutes: targetMinutes) - gains.tailStart + gains.priorExcess)
        exceedances += 1
        excess += min(peak - gains.tailStart, cap)
    }

    /// The evidence at which episodes occur by chance at the target rate, from the decayed tail and the prior:
    /// `u + β·ln(rate · period)`, never below the tail start `u`.
    func threshold(gains: Gains, targetMinutes: Double) -> Double {
        let n = gains.priorEpisodes + exceedances
        let meanExcess = (gains.priorEpisodes * gains.priorExcess + excess) / n
        let rate = n / (gains.priorMinutes + minutes)
        return gains.tailStart + meanExcess * naturalLog(max(rate * targetMinutes, 1))
    }
}
