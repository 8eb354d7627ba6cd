import OutcryModel

/// Lays out the scenario suite from a seed: adds services case by case, places their outages at random days
/// and times that do not overlap, and sizes the extra reports from the expected baseline at that moment.
struct SuiteBuilder {
    /// Ordinary problem mix of every suite service.
    static let normalMix: [ProblemKind: Double] = [
        .app: 0.35, .connection: 0.25, .login: 0.15, .website: 0.12, .messaging: 0.08, .other: 0.05,
    ]
    /// Problem mixes of outages; each outage takes one.
    static let outageMixes: [[ProblemKind: Double]] = [
        [.login: 0.70, .app: 0.20, .website: 0.10],
        [.connection: 0.65, .app: 0.25, .messaging: 0.10],
        [.app: 0.55, .connection: 0.25, .login: 0.20],
        [.website: 0.50, .login: 0.30, .app: 0.20],
    ]
    static let repeatShare = 0.05
    static let anonymousShare = 0.15
    /// Minimum gap between two events of one service, so each window stands alone.
    static let gapMinutes: Int64 = 6 * 60

    let start: Timestamp
    let days: Int
    let regions: [SimulatedRegion]
    let cycle = DailyCycle()
    private var random: SplitMix64
    private(set) var services: [SimulatedService] = []
    private(set) var outages: [SimulatedOutage] = []
    private(set) var floods: [SimulatedFlood] = []
    private(set) var surges: [SimulatedSurge] = []
    private(set) var cases: [SuiteCase] = []
    /// Occupied epoch-minute ranges per service (outages, bursts, floods), gaps included.
    private var busy: [ServiceSlug: [ClosedRange<Int64>]] = [:]

    init(start: Timestamp, days: Int, regions: [SimulatedRegion], seed: UInt64) {
        self.start = start
        self.days = days
        self.regions = regions
        random = SplitMix64(seed: SplitMix64.mix(seed ^ 0x5017_E1A1_0000_0001))
    }

    var end: Timestamp { start.adding(minutes: Int64(days) * 1440) }

    // MARK: - Random helpers

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnit()
    }

    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + random.nextInt(below: range.upperBound - range.lowerBound + 1)
    }

    mutating func outageMix() -> [ProblemKind: Double] {
        Self.outageMixes[random.nextInt(below: Self.outageMixes.count)]
    }

    // MARK: - Services and cases

    /// Adds a service and its (so far windowless) case; returns its slug.
    @discardableResult
    mutating func addService(
        _ slugText: String, kind: SuiteKind, perDay: Double, group: String? = nil, activeFrom: Timestamp? = nil
    ) -> ServiceSlug {
        let slug = SimulationCatalog.slug(slugText)
        services.append(
            SimulatedService(
                service: MonitoredService(slug: slug, group: group), reportsPerDay: perDay,
                problemMix: Self.normalMix, activeFrom: activeFrom
            )
        )
        cases.append(SuiteCase(slug: slug, kind: kind, windows: []))
        return slug
    }

    private func perDay(of slug: ServiceSlug) -> Double {
        services.first(where: { $0.service.slug == slug })?.reportsPerDay ?? 0
    }

    private func activeFrom(of slug: ServiceSlug) -> Timestamp {
        services.first(where: { $0.service.slug == slug })?.activeFrom ?? start
    }

    // MARK: - Placement

    /// A free onset for an event of `span` minutes (window grace included) on `slug`, on a day in `dayRange`
    /// counted from the service's first day of traffic, at a random minute; marks it busy.
    mutating func onset(for slug: ServiceSlug, days dayRange: Range<Int>, span: Int, alignedTo bucket: Int64 = 1)
        -> Timestamp
    {
        let origin = activeFrom(of: slug).epochMinute
        let last = end.epochMinute - Int64(span) - SuiteWindow.graceMinutes - 10
        var chosen: Int64 = max(origin, min(last, origin + Int64(dayRange.lowerBound) * 1440 + 12 * 60))
        for _ in 0..<400 {
            let day = dayRange.lowerBound + random.nextInt(below: max(1, dayRange.count))
            var minute = origin + Int64(day) * 1440 + Int64(random.nextInt(below: 1440))
            minute -= minute.modulo(bucket)
            guard minute >= origin, minute <= last else { continue }
            let range = (minute - Self.gapMinutes)...(minute + Int64(span) + Self.gapMinutes)
            if busy[slug, default: []].contains(where: { $0.overlaps(range) }) { continue }
            chosen = minute
            break
        }
        busy[slug, default: []].append(chosen...(chosen + Int64(span)))
        return Timestamp(seconds: chosen * 60)
    }

    // MARK: - Baseline arithmetic

    /// Expected counted (first-time) ordinary reports per minute of a service with `perDay` reports a day, in
    /// the minute `epochMinute`, over every region or one.
    func baselinePerMinute(perDay: Double, epochMinute: Int64, region: Region? = nil) -> Double {
        let totalWeight = regions.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return 0 }
        var sum = 0.0
        for simulated in regions where region == nil || simulated.region == region {
            sum +=
                simulated.weight / totalWeight
                * cycle.factor(epochMinute: epochMinute, utcOffsetMinutes: simulated.utcOffsetMinutes)
        }
        return perDay * (1 - Self.repeatShare) / 1440 * sum
    }

    /// The extra reports that make `slug` run at `multiplier` times its baseline at full strength of a shape.
    func excessReports(
        slug: ServiceSlug, multiplier: Double, start onset: Timestamp, ramp: Int, full: Int, recovery: Int
    ) -> Int {
        let shape = SimulatedOutage(
            services: [:], start: onset, rampMinutes: ramp, fullMinutes: full, recoveryMinutes: recovery,
            problemMix: [:]
        )
        let perDay = perDay(of: slug)
        var total = 0.0
        for offset in 0...(ramp + full + recovery) {
            let minuteStart = onset.adding(minutes: Int64(offset))
            let strength = shape.strength(atMinuteStarting: minuteStart)
            total +=
                (multiplier - 1) * strength * baselinePerMinute(perDay: perDay, epochMinute: minuteStart.epochMinute)
        }
        return Int(total.rounded())
    }

    // MARK: - Events

    /// Adds a labelled outage of `reports` extra reports to `slug` (in `region` only, when given).
    mutating func addOutage(
        _ slug: ServiceSlug, region: Region? = nil, at onset: Timestamp, ramp: Int, full: Int, recovery: Int,
        reports: Int
    ) {
        let surge = SimulatedSurge(
            service: slug, regions: region.map { [$0] }, start: onset, rampMinutes: ramp, fullMinutes: full,
            recoveryMinutes: recovery, reports: reports, problemMix: outageMix()
        )
        surges.append(surge)
        let window = SuiteWindow(
            region: region, start: onset, end: surge.end.adding(minutes: SuiteWindow.graceMinutes)
        )
        if let index = cases.firstIndex(where: { $0.slug == slug }) {
            cases[index].windows.append(window)
            cases[index].windows.sort { $0.start < $1.start }
        }
    }

    /// Adds `reports` extra reports from distinct people that are not an outage (no window).
    mutating func addBurst(_ slug: ServiceSlug, at onset: Timestamp, minutes: Int, reports: Int) {
        surges.append(
            SimulatedSurge(
                service: slug, start: onset, rampMinutes: 0, fullMinutes: minutes, recoveryMinutes: 0, reports: reports,
                problemMix: Self.normalMix
            )
        )
    }

    /// Multiplies `slug`'s ordinary volume (same problem mix) without a window: surges, growth, daily peaks.
    mutating func addSwell(
        _ slug: ServiceSlug, multiplier: Double, at onset: Timestamp, ramp: Int, full: Int, recovery: Int
    ) {
        outages.append(
            SimulatedOutage(
                services: [slug: multiplier], start: onset, rampMinutes: ramp, fullMinutes: full,
                recoveryMinutes: recovery, problemMix: Self.normalMix
            )
        )
    }

    mutating func addFlood(_ slug: ServiceSlug, at onset: Timestamp, minutes: Int, reports: Int, reporter: String?) {
        floods.append(
            SimulatedFlood(
                service: slug, region: regions[0].region, start: onset, minutes: minutes,
                reportsPerMinute: Double(reports) / Double(max(1, minutes)), reporter: reporter, problem: .app
            )
        )
    }

    /// The finished suite, cases in slug order.
    func build() -> ScenarioSuite {
        let scenario = SimulationScenario(
            start: start, days: days, services: services, regions: regions, outages: outages, floods: floods,
            surges: surges, reporterPoolSize: 200_000, anonymousShare: Self.anonymousShare,
            repeatShare: Self.repeatShare
        )
        return ScenarioSuite(scenario: scenario, cases: cases.sorted { $0.slug.rawValue < $1.slug.rawValue })
    }
}
