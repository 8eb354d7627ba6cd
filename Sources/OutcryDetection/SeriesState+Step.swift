import OutcryModel

extension SeriesState {
    /// Feeds one minute: updates the rolling windows, judges the last 15 minutes against the baseline
    /// (before learning from them: no look-ahead), sets the level with hysteresis, then lets the baseline learn.
    ///
    /// `serviceThreshold` (for a region: its service's calibrated threshold this minute, unscaled) is the least
    /// evidence `likely` needs: bursts seen across the service teach every region at once.
    ///
    /// In a quiet minute (an operator's or a status page's window) the profiles learn nothing, like during a flood.
    mutating func step(
        minute: Int64, input: MinuteInput, settings: DetectorSettings, gains: Gains, isInIncident: Bool,
        isQuiet: Bool = false, serviceThreshold: Double = 0
    ) {
        history += 1
        slideWindow(minute: minute, input: input)
        let largestSource = recordLargestSource(input.largestSource, minute: minute)
        let memory = Int(minute.modulo(Int64(SeriesState.memoryMinutes)))
        memoryCounts[memory] = input.counted
        observed = Double(sums[0])
        guard history >= SeriesState.windowMinutes else {
            // The window is not full yet: nothing to judge or learn.
            memoryExpected[memory] = 0
            return
        }

        let reading = read(minute: minute, largestSource: largestSource, settings: settings, gains: gains)
        let isStrong = accumulateEvidence(
            reading, isQuiet: isQuiet, serviceThreshold: serviceThreshold, settings: settings, gains: gains)
        recordFloods(reading, largestSource: largestSource, settings: settings)
        let next = nextLevel(reading, isStrong: isStrong, settings: settings)
        record(reading, level: next, settings: settings)

        let perMinute = reading.expectedCount / Double(SeriesState.windowMinutes)
        memoryExpected[memory] = Float(perMinute)
        advanceOnsetCUSUM(counted: input.counted, perMinute: perMinute, minute: minute, settings: settings)

        let isRaised = next >= .possible || isInIncident || isPossibleFlood || isQuiet
        // Incidents are learned from like any minute, winsorised: an imputed episode would trap a pattern not yet
        // learned (a new weekly peak) in an alarm that can never correct itself. Floods and quiet windows teach
        // nothing.
        let mode: LearningMode = isPossibleFlood || isQuiet ? .paused : .normal
        baseline.learn(
            reading.y, minute: minute, expected: reading.expectedY, spread: reading.noiseSpread, mode: mode,
            gains: gains)
        if !isRaised, input.counted > 0 { learnMix(input, minute: minute, gains: gains) }
    }

    /// Puts this minute's counts in the rolling window's slot and updates the column sums.
    @inline(__always)
    private mutating func slideWindow(minute: Int64, input: MinuteInput) {
        let row = Int(minute.modulo(Int64(SeriesState.windowMinutes))) * SeriesState.columns
        for column in 0..<SeriesState.columns {
            let new: Int32
            switch column {
            case 0: new = input.counted
            case 1: new = input.distinct
            case 2: new = input.received
            default: new = input[problem: column - 3]
            }
            let old = window[row + column]
            if old != new {
                sums[column] += Int(new) - Int(old)
                window[row + column] = new
            }
        }
    }

    /// Judges the full window against the baseline (before learning from it: no look-ahead).
    @inline(__always)
    private func read(minute: Int64, largestSource: Int, settings: DetectorSettings, gains: Gains) -> WindowReading {
        let x = observed
        // Distinct reporters without the largest single relay: one token alone never carries a spike.
        let reporters = max(0, sums[1] - largestSource)
        let distinct = Double(reporters)
        let received = Double(sums[2])
        let expectedY = baseline.expectation(minute: minute)
        let noiseSpread = max(baseline.spread, settings.minimumSpread)
        // The statistic's spread includes the expectation's own estimation error (a slot seen once is as noisy
        // as the observation); the baseline learns with the noise spread alone.
        let spread = noiseSpread * (1 + baseline.estimationShare(minute: minute, gains: gains)).squareRoot()
        let y = anscombe(x)
        let z = (y - expectedY) / spread
        let expectedX = inverseAnscombe(expectedY)
        let floored = max(expectedX, 1)
        let ratio = x / floored
        let maturity = Double(max(settings.maturityMinutes, 1))
        let immaturity = max(0, 1 - Double(history) / maturity)
        let scale = 1 + settings.coldStartMargin * immaturity
        let possibleThreshold = settings.possibleStatistic * scale
        let canRaise = history >= settings.minimumHistoryMinutes

        // The CUSUM's reference: halfway (on the ratio scale) to the smallest excess worth an alarm.
        let referenceRatio = 0.5 * (1 + max(settings.minimumRatio, 1))
        let referenceShift = (anscombe(referenceRatio * expectedX) - expectedY) / spread
        let distinctStatistic = (anscombe(distinct) - expectedY) / spread
        let receivedStatistic = (anscombe(received) - expectedY) / spread
        let isCarriedByReporters =
            distinctStatistic >= possibleThreshold && distinct / floored >= settings.minimumRatio
        let isModerate =
            canRaise && z >= possibleThreshold && ratio >= settings.minimumRatio
            && reporters >= settings.minimumReporters && isCarriedByReporters
        return WindowReading(
            y: y, expectedY: expectedY, noiseSpread: noiseSpread, spread: spread, z: z, expectedCount: expectedX,
            floored: floored, ratio: ratio, referenceShift: max(0, referenceShift), scale: scale,
            possibleThreshold: possibleThreshold, canRaise: canRaise,
            reporters: reporters, distinctStatistic: distinctStatistic, received: received,
            receivedStatistic: receivedStatistic, isCarriedByReporters: isCarriedByReporters,
            isModerate: isModerate)
    }

    /// Adds this minute to the evidence and records it with the calibrated threshold; returns whether the
    /// evidence is strong enough for `likely`.
    ///
    /// Evidence accumulates the statistic of the distinct reporters (never more than the counted one), measured
    /// from the CUSUM's reference — halfway between the usual volume and ``DetectorSettings/minimumRatio``
    /// times it — so a sustained swell below the minimum ratio (a holiday at 1.4×) drains instead of adding up
    /// over hours; and only while the excess is large enough relative to the baseline to matter. The threshold
    /// is the series' own calibrated one, and never below `serviceThreshold`. An episode in a quiet window is
    /// not recorded in the calibration (it is expected, not chance).
    @inline(__always)
    private mutating func accumulateEvidence(
        _ reading: WindowReading, isQuiet: Bool, serviceThreshold: Double, settings: DetectorSettings, gains: Gains
    ) -> Bool {
        let carried = min(reading.z, reading.distinctStatistic) - reading.referenceShift
        let increment = reading.ratio >= settings.minimumRatio ? min(carried, settings.evidenceCap) : min(carried, 0)
        let accumulated = calibration.accumulate(
            increment, gains: gains, targetMinutes: targetMinutes, isExpected: isQuiet)
        let own = calibration.threshold(gains: gains, targetMinutes: targetMinutes)
        let threshold = max(own, serviceThreshold) * reading.scale
        evidence = accumulated
        evidenceThreshold = threshold
        return reading.isModerate && accumulated >= threshold
    }

    /// A spike of counted or received reports that distinct reporters do not carry is a possible flood; it is
    /// a single-source flood when the largest relay alone makes the difference.
    @inline(__always)
    private mutating func recordFloods(_ reading: WindowReading, largestSource: Int, settings: DetectorSettings) {
        let threshold = reading.possibleThreshold
        let isCountedSpike = reading.z >= threshold && reading.ratio >= settings.minimumRatio
        let isReceivedSpike =
            reading.receivedStatistic >= threshold && reading.received / reading.floored >= settings.minimumRatio
        isPossibleFlood = reading.canRaise && (isCountedSpike || isReceivedSpike) && !reading.isCarriedByReporters
        if largestSource > 0 || isSingleSourceFlood != nil {
            let withSource = Double(sums[1])
            let wouldBeCarried =
                (anscombe(withSource) - reading.expectedY) / reading.spread >= threshold
                && withSource / reading.floored >= settings.minimumRatio
            isSingleSourceFlood = isPossibleFlood && wouldBeCarried ? true : nil
        }
    }

    /// The level for this minute: `likely` on strong evidence, kept on moderate evidence (hysteresis),
    /// `possible` on moderate evidence or while a raised series stays above the release statistic.
    @inline(__always)
    private func nextLevel(_ reading: WindowReading, isStrong: Bool, settings: DetectorSettings) -> AlertLevel {
        if isStrong { return .likely }
        if reading.isModerate { return level == .likely ? .likely : .possible }
        if level >= .possible, reading.canRaise, !isPossibleFlood,
            reading.z >= settings.releaseStatistic * reading.scale, reading.ratio > 1
        {
            return .possible
        }
        return .normal
    }

    /// Keeps the minute's level and reading for the status, the incident and its regions.
    @inline(__always)
    private mutating func record(_ reading: WindowReading, level next: AlertLevel, settings: DetectorSettings) {
        level = next
        statistic = reading.z
        expected = reading.expectedCount
        ratio = reading.ratio
        thresholdScale = reading.scale
        isMature = history >= settings.maturityMinutes
        isAboveBaseline =
            next >= .possible
            || (reading.z >= settings.regionStatistic * reading.scale && reading.ratio >= settings.minimumRatio
                && reading.isCarriedByReporters)
    }

    /// The one-sided CUSUM of per-minute excess that places an incident's onset.
    @inline(__always)
    private mutating func advanceOnsetCUSUM(
        counted: Int32, perMinute: Double, minute: Int64, settings: DetectorSettings
    ) {
        let allowance = 0.5 * (settings.minimumRatio - 1) * perMinute + 0.2
        let before = cusum
        cusum = max(0, cusum + Double(counted) - perMinute - allowance)
        if before == 0, cusum > 0 { cusumStart = minute }
    }

    /// Decays the usual problem mix to this minute and adds the minute's problems.
    @inline(__always)
    private mutating func learnMix(_ input: MinuteInput, minute: Int64, gains: Gains) {
        let decay = pow2(Double(minute - mixMinute) * gains.mixLog2Decay)
        for problem in 0..<8 {
            mixCounts[problem] = mixCounts[problem] * decay + Double(input[problem: problem])
        }
        mixMinute = minute
    }

    /// Puts this minute's largest-relay count in its window slot; returns the window's total. Allocates the
    /// window only when a relay appears and drops it once it holds only zeros again.
    mutating func recordLargestSource(_ count: Int32, minute: Int64) -> Int {
        guard count != 0 || largestSourceWindow != nil else { return 0 }
        let slot = Int(minute.modulo(Int64(SeriesState.windowMinutes)))
        var window = largestSourceWindow ?? [Int32](repeating: 0, count: SeriesState.windowMinutes)
        window[slot] = count
        var total = 0
        for value in window { total += Int(value) }
        largestSourceWindow = total == 0 ? nil : window
        return total
    }
}
