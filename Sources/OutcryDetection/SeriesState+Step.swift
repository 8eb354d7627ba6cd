import OutcryModel

extension SeriesState {
    /// Feeds one minute: updates the rolling windows, judges the last 15 minutes against the baseline
    /// (before learning from them: no look-ahead), sets the level with hysteresis, then lets the baseline learn.
    ///
    /// In a quiet minute (an operator's or a status page's window) the profiles learn nothing, like during a flood.
    mutating func step(
        minute: Int64, input: MinuteInput, settings: DetectorSettings, gains: Gains, isInIncident: Bool,
        isQuiet: Bool = false
    ) {
        history += 1
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
        let largestSource = recordLargestSource(input.largestSource, minute: minute)
        let memory = Int(minute.modulo(Int64(SeriesState.memoryMinutes)))
        memoryCounts[memory] = input.counted
        observed = Double(sums[0])
        guard history >= SeriesState.windowMinutes else {
            // The window is not full yet: nothing to judge or learn.
            memoryExpected[memory] = 0
            return
        }

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

        let distinctStatistic = (anscombe(distinct) - expectedY) / spread
        let receivedStatistic = (anscombe(received) - expectedY) / spread
        // The excess must be carried by distinct reporters on its own, not by anonymous or repeated reports.
        let isCarriedByReporters =
            distinctStatistic >= possibleThreshold && distinct / floored >= settings.minimumRatio
        let isModerate =
            canRaise && z >= possibleThreshold && ratio >= settings.minimumRatio
            && reporters >= settings.minimumReporters && isCarriedByReporters
        // Evidence accumulates the statistic of the distinct reporters (never more than the counted one), and
        // only while the excess is large enough relative to the baseline to matter.
        let carriedStatistic = min(z, distinctStatistic)
        let accumulated = calibration.accumulate(
            ratio >= settings.minimumRatio ? min(carriedStatistic, settings.evidenceCap) : min(carriedStatistic, 0), gains: gains,
            targetMinutes: targetMinutes)
        let threshold = calibration.threshold(gains: gains, targetMinutes: targetMinutes) * scale
        evidence = accumulated
        evidenceThreshold = threshold
        let isStrong = isModerate && accumulated >= threshold
        let isCountedSpike = z >= possibleThreshold && ratio >= settings.minimumRatio
        let isReceivedSpike = receivedStatistic >= possibleThreshold && received / floored >= settings.minimumRatio
        isPossibleFlood = canRaise && (isCountedSpike || isReceivedSpike) && !isCarriedByReporters
        if largestSource > 0 || isSingleSourceFlood != nil {
            let withSource = Double(sums[1])
            let wouldBeCarried =
                (anscombe(withSource) - expectedY) / spread >= possibleThreshold && withSource / floored >= settings.minimumRatio
            isSingleSourceFlood = isPossibleFlood && wouldBeCarried ? true : nil
        }

        let next: AlertLevel
        if isStrong {
            next = .likely
        } else if isModerate {
            // Likely stays likely on moderate evidence (hysteresis).
            next = level == .likely ? .likely : .possible
        } else if level >= .possible, canRaise, !isPossibleFlood, z >= settings.releaseStatistic * scale, ratio > 1 {
            next = .possible
        } else {
            next = .normal
        }
        level = next
        statistic = z
        expected = expectedX
        self.ratio = ratio
        thresholdScale = scale
        isMature = history >= settings.maturityMinutes
        isAboveBaseline =
            next >= .possible
            || (z >= settings.regionStatistic * scale && ratio >= settings.minimumRatio && isCarriedByReporters)

        let perMinute = expectedX / Double(SeriesState.windowMinutes)
        memoryExpected[memory] = Float(perMinute)
        let allowance = 0.5 * (settings.minimumRatio - 1) * perMinute + 0.2
        let before = cusum
        cusum = max(0, cusum + Double(input.counted) - perMinute - allowance)
        if before == 0, cusum > 0 { cusumStart = minute }

        let isRaised = next >= .possible || isInIncident || isPossibleFlood || isQuiet
        // Incidents are learned from like any minute, winsorised: an imputed episode would trap a pattern not yet
        // learned (a new weekly peak) in an alarm that can never correct itself. Floods and quiet windows teach
        // nothing.
        let mode: LearningMode = isPossibleFlood || isQuiet ? .paused : .normal
        baseline.learn(y, minute: minute, expected: expectedY, spread: noiseSpread, mode: mode, gains: gains)
        if !isRaised, input.counted > 0 {
            let decay = pow2(Double(minute - mixMinute) * gains.mixLog2Decay)
            for problem in 0..<8 {
                mixCounts[problem] = mixCounts[problem] * decay + Double(input[problem: problem])
            }
            mixMinute = minute
        }
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
