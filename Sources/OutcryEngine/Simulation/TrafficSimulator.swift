import OutcryModel

/// Generates a scenario's reports in time order, one minute at a time, from a seed.
///
/// Each minute, every (service, region) pair gets a gamma-Poisson count around its expected volume: the
/// service's daily rate × the region's share × the daily cycle at the region's local time × a per-day level
/// and a slowly wandering mood of the service; outages add their extra reports with their own problem mix,
/// floods and surges add theirs. Reports get a random second, a reporter from the pool (or none), and some are re-sent
/// a few minutes later. Only the current minute and the pending repeats are held in memory.
///
/// The same scenario and seed give the same reports, in the same order, on every platform.
package struct TrafficSimulator: Sequence, IteratorProtocol, Sendable {
    /// Noise of the per-service mood (log scale, stationary standard deviation) and its per-minute memory.
    private static let moodDeviation = 0.06
    private static let moodPersistence = 0.98
    /// Gamma shape of the per-day level of each service (coefficient of variation about 6%).
    private static let dayLevelShape = 250.0

    package let scenario: SimulationScenario

    private let firstMinute: Int64
    private let minuteCount: Int
    private let serviceRates: [Double]  // expected fresh reports per minute on an average weekday
    private let regionShares: [Double]
    private let regionOffsets: [Int]
    private let normalSamplers: [ProblemSampler]
    private let outagePlans: [OutagePlan]
    /// Minute (from the scenario start) at which each service's ordinary traffic begins.
    private let activeFromMinutes: [Int]
    /// Share of fresh reports sent anonymously, and repeats per signed fresh report.
    private let freshAnonymousShare: Double
    private let repeatsPerSignedReport: Double

    private var random: SplitMix64
    private var reporters: ReporterPool
    private var repeats = PendingRepeats()
    private var dayLevels: [Double]
    private var moods: [Double]
    private var surgePlans: [SurgePlan]
    private var minuteIndex = 0
    private var unsorted: [SimulatedReport] = []
    private var ready: [SimulatedReport] = []
    private var readyPosition = 0
    private var secondCounts = [Int](repeating: 0, count: 61)

    /// Prepares a run; nothing is generated until the first ``next()``.
    package init(scenario: SimulationScenario, seed: UInt64) {
        precondition(scenario.days >= 0, "days must not be negative")
        precondition(
            scenario.anonymousShare >= 0 && scenario.repeatShare >= 0
                && scenario.anonymousShare + scenario.repeatShare < 1,
            "anonymous and repeat shares must be non-negative and sum to less than 1"
        )
        self.scenario = scenario
        firstMinute = scenario.start.epochMinute
        minuteCount = scenario.days * 1440
        let fresh = 1 - scenario.repeatShare
        serviceRates = scenario.services.map { Swift.max(0, $0.reportsPerDay) / 1440 * fresh }
        let totalWeight = scenario.regions.reduce(0) { $0 + Swift.max(0, $1.weight) }
        regionShares = scenario.regions.map { totalWeight > 0 ? Swift.max(0, $0.weight) / totalWeight : 0 }
        regionOffsets = scenario.regions.map(\.utcOffsetMinutes)
        normalSamplers = scenario.services.map { ProblemSampler(mix: $0.problemMix, for: $0.service) }
        outagePlans = scenario.outages.map { OutagePlan(outage: $0, scenario: scenario) }
        let scenarioStart = scenario.start.bucketStart(width: 60)
        activeFromMinutes = scenario.services.map { simulated in
            guard let activeFrom = simulated.activeFrom else { return 0 }
            let minutes = -floorDiv(-(activeFrom.seconds - scenarioStart.seconds), 60)
            return Int(clamping: Swift.max(0, minutes))
        }
        surgePlans = scenario.surges.enumerated().compactMap { index, surge in
            SurgePlan(surge: surge, index: index, scenario: scenario, seed: seed)
        }
        freshAnonymousShare = scenario.anonymousShare / fresh
        repeatsPerSignedReport = scenario.repeatShare / (1 - scenario.repeatShare - scenario.anonymousShare)
        random = SplitMix64(seed: seed)
        reporters = ReporterPool(size: Swift.max(1, scenario.reporterPoolSize), seed: seed)
        dayLevels = Array(repeating: 1, count: scenario.services.count)
        moods = Array(repeating: 0, count: scenario.services.count)
        for index in moods.indices { moods[index] = Self.moodDeviation * random.nextNormal() }
    }

    /// The next report in time order, or nil after the last minute of the scenario.
    package mutating func next() -> SimulatedReport? {
        while readyPosition == ready.count {
            guard minuteIndex < minuteCount else { return nil }
            generateMinute()
            minuteIndex += 1
        }
        defer { readyPosition += 1 }
        return ready[readyPosition]
    }

    /// Calls `body` with every report in time order.
    package mutating func forEachReport<Failure: Error>(
        _ body: (SimulatedReport) throws(Failure) -> Void
    ) throws(Failure) {
        while let report = next() { try body(report) }
    }

    // MARK: - One minute

    private mutating func generateMinute() {
        let epochMinute = firstMinute + Int64(minuteIndex)
        let minuteStart = Timestamp(seconds: epochMinute * 60)
        if minuteIndex % 1440 == 0 { drawDayLevels() }
        let moodFactors = advanceMoods()
        let strengths = outagePlans.map { $0.outage.strength(atMinuteStarting: minuteStart) }
        unsorted.removeAll(keepingCapacity: true)

        for regionIndex in regionShares.indices where regionShares[regionIndex] > 0 {
            let regionFactor =
                regionShares[regionIndex]
                * scenario.cycle.factor(epochMinute: epochMinute, utcOffsetMinutes: regionOffsets[regionIndex])
            for serviceIndex in serviceRates.indices where minuteIndex >= activeFromMinutes[serviceIndex] {
                let mean =
                    serviceRates[serviceIndex] * regionFactor * dayLevels[serviceIndex] * moodFactors[serviceIndex]
                let count = random.nextGammaPoisson(mean: mean, dispersion: scenario.dispersion)
                for _ in 0..<count {
                    let problem = normalSamplers[serviceIndex].draw(using: &random)
                    emitFresh(serviceIndex: serviceIndex, regionIndex: regionIndex, problem: problem, minuteStart)
                }
                for (planIndex, plan) in outagePlans.enumerated() where strengths[planIndex] > 0 {
                    guard plan.regionMask[regionIndex], let sampler = plan.samplers[serviceIndex] else { continue }
                    let extra = mean * (plan.multipliers[serviceIndex] - 1) * strengths[planIndex]
                    let extraCount = random.nextGammaPoisson(mean: extra, dispersion: scenario.dispersion)
                    for _ in 0..<extraCount {
                        let problem = sampler.draw(using: &random)
                        emitFresh(serviceIndex: serviceIndex, regionIndex: regionIndex, problem: problem, minuteStart)
                    }
                }
            }
        }
        emitFloods(minuteStart)
        emitSurges(minuteStart)
        repeats.drain(minute: minuteIndex, into: &unsorted)
        sortBySecond(minuteStart)
    }

    /// Adds a first-time report and schedules its repeats.
    private mutating func emitFresh(serviceIndex: Int, regionIndex: Int, problem: ProblemKind, _ minuteStart: Timestamp)
    {
        let at = minuteStart.adding(seconds: Int64(random.nextInt(below: 60)))
        let isAnonymous = random.nextBernoulli(freshAnonymousShare)
        let reporter = isAnonymous ? nil : reporters.pick(minute: Int32(minuteIndex), using: &random)
        let report = SimulatedReport(
            service: scenario.services[serviceIndex].service.slug,
            region: scenario.regions[regionIndex].region,
            problem: problem, at: at, reporter: reporter
        )
        unsorted.append(report)
        guard !isAnonymous else { return }
        var repeatCount = Int(repeatsPerSignedReport)
        if random.nextBernoulli(repeatsPerSignedReport - Double(repeatCount)) { repeatCount += 1 }
        for _ in 0..<repeatCount {
            var copy = report
            copy.at = at.adding(seconds: 20 + Int64(random.nextInt(below: 521)))
            let minute = Int(copy.at.epochMinute - firstMinute)
            if minute < minuteCount { repeats.schedule(copy, minute: minute) }
        }
    }

    private mutating func emitFloods(_ minuteStart: Timestamp) {
        for flood in scenario.floods where flood.isActive(atMinuteStarting: minuteStart) {
            let rate = Swift.max(0, flood.reportsPerMinute)
            var count = Int(rate)
            if random.nextBernoulli(rate - Double(count)) { count += 1 }
            for _ in 0..<count {
                let at = minuteStart.adding(seconds: Int64(random.nextInt(below: 60)))
                unsorted.append(
                    SimulatedReport(
                        service: flood.service, region: flood.region, problem: flood.problem, at: at,
                        reporter: flood.reporter
                    )
                )
            }
        }
    }

    /// Adds the surges' fresh reports for this minute (and schedules their repeats), each from its own stream.
    private mutating func emitSurges(_ minuteStart: Timestamp) {
        for planIndex in surgePlans.indices {
            let count = surgePlans[planIndex].count(atMinute: minuteIndex)
            guard count > 0 else { continue }
            var plan = surgePlans[planIndex]
            let slug = scenario.services[plan.serviceIndex].service.slug
            for _ in 0..<count {
                guard let region = plan.drawRegion() else { break }
                let at = minuteStart.adding(seconds: Int64(plan.random.nextInt(below: 60)))
                let problem = plan.sampler.draw(using: &plan.random)
                let report = SimulatedReport(
                    service: slug, region: region, problem: problem, at: at, reporter: plan.nextReporter()
                )
                unsorted.append(report)
                var repeatCount = Int(repeatsPerSignedReport)
                if plan.random.nextBernoulli(repeatsPerSignedReport - Double(repeatCount)) { repeatCount += 1 }
                for _ in 0..<repeatCount {
                    var copy = report
                    copy.at = at.adding(seconds: 20 + Int64(plan.random.nextInt(below: 521)))
                    let minute = Int(copy.at.epochMinute - firstMinute)
                    if minute < minuteCount { repeats.schedule(copy, minute: minute) }
                }
            }
            surgePlans[planIndex] = plan
        }
    }

    /// Orders the minute's reports by second (a stable counting sort) into `ready`.
    private mutating func sortBySecond(_ minuteStart: Timestamp) {
        for index in secondCounts.indices { secondCounts[index] = 0 }
        for report in unsorted { secondCounts[Int(report.at.seconds - minuteStart.seconds) + 1] += 1 }
        for second in 1..<secondCounts.count { secondCounts[second] += secondCounts[second - 1] }
        ready.removeAll(keepingCapacity: true)
        readyPosition = 0
        guard let placeholder = unsorted.first else { return }
        ready.append(contentsOf: repeatElement(placeholder, count: unsorted.count))
        for report in unsorted {
            let second = Int(report.at.seconds - minuteStart.seconds)
            ready[secondCounts[second]] = report
            secondCounts[second] += 1
        }
    }

    // MARK: - Slow-moving levels

    private mutating func drawDayLevels() {
        for index in dayLevels.indices {
            dayLevels[index] = random.nextGamma(shape: Self.dayLevelShape, scale: 1 / Self.dayLevelShape)
        }
    }

    /// Moves each service's mood one minute on (an AR(1) walk) and returns the volume factors, whose mean is 1.
    private mutating func advanceMoods() -> [Double] {
        let deviation = Self.moodDeviation
        let persistence = Self.moodPersistence
        let innovation = deviation * (1 - persistence * persistence).squareRoot()
        var factors = moods
        for index in moods.indices {
            moods[index] = persistence * moods[index] + innovation * random.nextNormal()
            factors[index] = SimulationMath.exp(moods[index] - deviation * deviation / 2)
        }
        return factors
    }
}
