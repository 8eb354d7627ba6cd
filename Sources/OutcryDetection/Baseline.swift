import OutcryModel

/// The expected 15-minute count of one series, learned incrementally on the Anscombe scale.
///
/// A robust Holt–Winters-style decomposition: a slow `level` (follows trends) plus a time-of-day profile
/// (96 slots) and a day-of-week profile (672 slots), with a fast `recent` level as the cold-start fallback for
/// slots the profile has not seen yet. Everything it learns is winsorised at ``DetectorSettings/learningClip``
/// spreads, an incident's minutes included, so an outage moves it by a fraction of its size; during a possible
/// flood or a quiet window the profiles learn their own expectation (nothing) and only the slow level learns.
/// A profile slot takes what a visit taught it when the visit (its quarter hour) ends, so an outage never raises
/// the expectation it is being judged against. The spread keeps learning throughout (capped at
/// ``DetectorSettings/spreadClip``).
/// O(1) per update; about 4 KB per series.
struct Baseline: Codable, Sendable {
    static let dailySlots = 96
    static let weeklySlots = 672

    /// Level on the Anscombe scale (seasonal effects removed).
    var level: Double = 0
    /// Fast level, used for slots the time-of-day profile has not seen yet.
    var recent: Double = 0
    /// EWMA of absolute residuals × sqrt(π/2) (a robust standard deviation); floored where used.
    var spread: Double = 0
    /// Updates so far; early updates use running means (gain 1/n) instead of the slow EWMA gains.
    var updates: Int = 0
    var daily = [Float](repeating: 0, count: Baseline.dailySlots)
    var weekly = [Float](repeating: 0, count: Baseline.weeklySlots)
    /// Updates seen per slot (saturating), for the gains of the first visits and the day-of-week weight.
    var dailyUpdates = [UInt8](repeating: 0, count: Baseline.dailySlots)
    var weeklyUpdates = [UInt8](repeating: 0, count: Baseline.weeklySlots)
    /// What the current visit of a time slot has learned so far, committed to the profile when the visit ends
    /// (nil before the first update; optional so saved states without it still load). The expectation during a
    /// visit is the one from before it: a slot that learned each minute at once would chase a fresh outage
    /// within its own quarter hour (measured: a regional outage at 4× moved its own expectation from 3 to 7
    /// reports in 20 minutes, and it was never called likely).
    var dailyVisit: SlotVisit?
    var weeklyVisit: SlotVisit?

    @inline(__always)
    static func dailySlot(_ minute: Int64) -> Int { Int(minute.modulo(1440) / 15) }

    /// Monday 00:00 UTC is slot 0 (epoch minute 0 was a Thursday).
    @inline(__always)
    static func weeklySlot(_ minute: Int64) -> Int { Int((minute + 3 * 1440).modulo(10080) / 15) }

    /// The seasonal offset at a minute, or nil when the time-of-day slot has never been seen.
    @inline(__always)
    func seasonal(daily d: Int, weekly w: Int) -> Double? {
        guard dailyUpdates[d] > 0 else { return nil }
        var s = Double(daily[d])
        let seen = weeklyUpdates[w]
        if seen > 0 {
            // Two full weekly visits (30 one-minute updates) before the day-of-week profile takes over.
            let weight = min(1, Double(seen) / 30)
            s = weight * Double(weekly[w]) + (1 - weight) * s
        }
        return s
    }

    /// The expected value on the Anscombe scale for the 15 minutes ending with `minute`.
    @inline(__always)
    func expectation(minute: Int64) -> Double {
        guard let s = seasonal(daily: Baseline.dailySlot(minute), weekly: Baseline.weeklySlot(minute)) else {
            return recent
        }
        return level + s
    }

    /// How uncertain the expectation at `minute` is, as a share of one observation's variance: `1/n` for an
    /// expectation that rests on `n` effective visits of its time slot (an EWMA of rate `r` never rests on more
    /// than `(2 − r)/r`). A slot seen once is as noisy as the observation it is compared with, so the statistic
    /// widens its spread by `sqrt(1 + 1/n)` instead of calling that noise an outage.
    @inline(__always)
    func estimationShare(minute: Int64, gains: Gains) -> Double {
        let d = Baseline.dailySlot(minute)
        let dailyVisits = min(Double(dailyUpdates[d]) / 15, gains.dailyEffectiveVisits)
        guard dailyVisits > 0 else { return 1 }
        let seen = weeklyUpdates[Baseline.weeklySlot(minute)]
        guard seen > 0 else { return 1 / dailyVisits }
        let weight = min(1, Double(seen) / 30)
        let weeklyVisits = min(Double(seen) / 15, gains.weeklyEffectiveVisits)
        return weight / weeklyVisits + (1 - weight) / dailyVisits
    }

    /// Learns from one observation `y` (Anscombe scale) that was expected to be `expected` with spread `spread`.
    ///
    /// `mode` says how: a normal minute — an incident's included — teaches everything the observation
    /// winsorised at ``DetectorSettings/learningClip`` spreads, so a false alarm caused by a pattern not yet
    /// learned (a new weekly peak) is corrected within a few visits while a real outage moves next week's
    /// expectation by a fraction of its size; a paused minute (a flood, a quiet window) teaches the profiles
    /// nothing (they learn their own expectation) and only the slow level learns, winsorised.
    mutating func learn(
        _ y: Double, minute: Int64, expected: Double, spread usedSpread: Double, mode: LearningMode, gains: Gains
    ) {
        let isRaised = mode != .normal
        updates += 1
        if updates == 1 {
            level = y
            recent = y
            return
        }
        let clip = gains.learningClip * usedSpread
        let clipped = min(max(y, expected - clip), expected + clip)
        let d = Baseline.dailySlot(minute)
        let w = Baseline.weeklySlot(minute)
        let s = seasonal(daily: d, weekly: w) ?? 0
        let early = 1 / Double(updates)
        let residual = min(abs(y - expected), gains.spreadClip * usedSpread)
        spread += max(gains.spread, early) * (residual * 1.2533 - spread)
        // While the series is raised, the profiles learn the expectation itself (imputation): they stay fresh
        // without learning the episode. Only the slow level still learns the (winsorised) observation, so a
        // lasting step change is absorbed over a day or two while a few hours' outage moves it by a fraction of
        // one spread.
        let learned = isRaised ? expected : clipped
        if isRaised {
            level += gains.level * (clipped - s - level)
        } else {
            recent += max(gains.recent, early) * (clipped - recent)
            level += max(gains.level, early) * (clipped - s - level)
        }
        let target = learned - level
        Self.learn(target, slot: d, gain: gains.daily, profile: &daily, updates: &dailyUpdates, visit: &dailyVisit)
        Self.learn(target, slot: w, gain: gains.weekly, profile: &weekly, updates: &weeklyUpdates, visit: &weeklyVisit)
    }

    /// One minute's update of a profile slot, into the slot's current visit; the previous visit (of another
    /// slot) is committed first.
    @inline(__always)
    private static func learn(
        _ target: Double, slot: Int, gain: Double, profile: inout [Float], updates: inout [UInt8],
        visit: inout SlotVisit?
    ) {
        var current: SlotVisit
        if let ongoing = visit, ongoing.slot == slot {
            current = ongoing
        } else {
            if let finished = visit { commit(finished, profile: &profile, updates: &updates) }
            current = SlotVisit(slot: slot, value: profile[slot], updates: 0)
        }
        let seen = Int(updates[slot]) + current.updates
        let slotGain = max(gain, 1 / (Double(seen) + 1))
        current.value += Float(slotGain * (target - Double(current.value)))
        current.updates += 1
        visit = current
    }

    private static func commit(_ visit: SlotVisit, profile: inout [Float], updates: inout [UInt8]) {
        guard profile.indices.contains(visit.slot) else { return }
        profile[visit.slot] = visit.value
        updates[visit.slot] = UInt8(min(255, Int(updates[visit.slot]) + max(0, visit.updates)))
    }
}

/// The learning of one time slot during its current visit (see ``Baseline/dailyVisit``).
struct SlotVisit: Codable, Sendable {
    var slot: Int
    var value: Float
    var updates: Int
}

/// How a minute may teach the baseline (see ``Baseline/learn(_:minute:expected:spread:mode:gains:)``).
enum LearningMode {
    case normal, paused
}

/// Per-minute EWMA gains derived from ``DetectorSettings`` (not persisted).
struct Gains: Sendable {
    var level: Double
    var recent: Double
    var spread: Double
    var daily: Double
    var weekly: Double
    /// `log2` of the per-minute decay of the usual problem mix.
    var mixLog2Decay: Double
    var learningClip: Double
    var spreadClip: Double
    /// The most visits a profile slot's EWMA effectively averages, `(2 − r)/r` for its per-visit rate `r`.
    var dailyEffectiveVisits: Double
    var weeklyEffectiveVisits: Double
    /// Per-minute decay of the alarm calibration's record, and its constants (see ``AlarmCalibration``).
    var calibrationDecay: Double
    var evidenceAllowance: Double
    var tailStart: Double
    var priorExcess: Double
    var priorEpisodes: Double
    var priorMinutes: Double
    var excessCap: Double
    /// The false-alarm period in minutes per `Sensitivity` (low, normal, high).
    var targetMinutes: (low: Double, normal: Double, high: Double)

    init(_ settings: DetectorSettings) {
        func halfLife(_ minutes: Double) -> Double { 1 - pow2(-1 / max(minutes, 1)) }
        level = halfLife(settings.levelHalfLifeMinutes)
        recent = halfLife(settings.recentHalfLifeMinutes)
        spread = halfLife(settings.spreadHalfLifeMinutes)
        // A slot is visited for 15 one-minute updates; together they close the configured fraction of the gap.
        daily = 1 - pow2(logBase2(max(1e-9, 1 - min(settings.dailyProfileRate, 0.999))) / 15)
        weekly = 1 - pow2(logBase2(max(1e-9, 1 - min(settings.weeklyProfileRate, 0.999))) / 15)
        mixLog2Decay = -1 / max(settings.mixHalfLifeMinutes, 1)
        learningClip = settings.learningClip
        let dailyRate = min(max(settings.dailyProfileRate, 0.01), 0.999)
        let weeklyRate = min(max(settings.weeklyProfileRate, 0.01), 0.999)
        dailyEffectiveVisits = (2 - dailyRate) / dailyRate
        weeklyEffectiveVisits = (2 - weeklyRate) / weeklyRate
        spreadClip = settings.spreadClip
        calibrationDecay = pow2(-1 / max(settings.calibrationHalfLifeMinutes, 1))
        evidenceAllowance = settings.evidenceAllowance
        tailStart = settings.tailStart
        priorExcess = max(settings.priorExcess, 1e-6)
        priorEpisodes = max(settings.calibrationPriorEpisodes, 1e-6)
        priorMinutes = priorEpisodes / max(settings.priorEpisodesPerWeek, 1e-9) * 10080
        excessCap = settings.excessCap
        let normal = max(settings.falseAlarmWeeks, 1e-3) * 10080
        let factor = max(settings.sensitivityFactor, 1)
        targetMinutes = (normal * factor, normal, normal / factor)
    }

    /// The false-alarm period in minutes for a sensitivity.
    @inline(__always)
    func targetMinutes(for sensitivity: Sensitivity) -> Double {
        switch sensitivity {
        case .low: targetMinutes.low
        case .normal: targetMinutes.normal
        case .high: targetMinutes.high
        }
    }
}
