import OutcryEngine
import OutcryModel

/// One 7-day run of the whole scenario suite, with and without its surges, shared by the tests that count the
/// reports each kind adds (simulating once keeps them fast).
struct SuiteRun: Sendable {
    static let shared = SuiteRun(days: 7, seed: 4)

    let suite: ScenarioSuite
    /// Reports without the surges, by service.
    private let ordinaryByService: [ServiceSlug: [SimulatedReport]]
    /// What the surges add (the run with them minus the run without, as multisets), by service, in time order.
    private let extrasByService: [ServiceSlug: [SimulatedReport]]
    /// Whether every report of the run without surges is also in the run with them.
    let ordinaryTrafficUnchanged: Bool

    init(days: Int, seed: UInt64) {
        suite = SimulationScenario.suite(days: days, seed: seed)
        var withoutSurges = suite.scenario
        withoutSurges.surges = []
        let ordinary = SimulationFixtures.reports(withoutSurges, seed: seed)
        var remaining: [String: Int] = [:]
        for report in ordinary { remaining[Self.key(report), default: 0] += 1 }
        var extras: [SimulatedReport] = []
        for report in SimulationFixtures.reports(suite.scenario, seed: seed) {
            let key = Self.key(report)
            if let left = remaining[key], left > 0 { remaining[key] = left - 1 } else { extras.append(report) }
        }
        ordinaryTrafficUnchanged = remaining.values.allSatisfy { $0 == 0 }
        ordinaryByService = Dictionary(grouping: ordinary, by: \.service)
        extrasByService = Dictionary(grouping: extras, by: \.service)
    }

    var extras: [SimulatedReport] { extrasByService.values.flatMap { $0 } }

    func ordinary(of slug: ServiceSlug) -> [SimulatedReport] { ordinaryByService[slug] ?? [] }

    func extras(of slug: ServiceSlug) -> [SimulatedReport] { extrasByService[slug] ?? [] }

    /// First-time extra reports in the surge's full-strength minutes, as a multiple of the ordinary first-time
    /// reports expected then (from the service's daily rate and the daily cycle of each region; the realized
    /// ordinary count wanders too much over an hour to judge by).
    func excessRatio(of surge: SimulatedSurge) -> Double {
        let from = surge.start.adding(minutes: Int64(surge.rampMinutes))
        let to = from.adding(minutes: Int64(surge.fullMinutes))
        let excess = Self.firstReports(extras(of: surge.service)).filter { $0.at >= from && $0.at < to }.count
        return Double(excess) / max(1e-9, expectedOrdinary(of: surge.service, from: from, minutes: surge.fullMinutes))
    }

    /// First-time ordinary reports of `slug` expected in `minutes` minutes from `from`.
    func expectedOrdinary(of slug: ServiceSlug, from: Timestamp, minutes: Int) -> Double {
        let scenario = suite.scenario
        let perDay = scenario.services.first { $0.service.slug == slug }?.reportsPerDay ?? 0
        let totalWeight = scenario.regions.reduce(0) { $0 + $1.weight }
        var expected = 0.0
        for offset in 0..<minutes {
            let minute = from.epochMinute + Int64(offset)
            for region in scenario.regions {
                let offsetMinutes = Int((region.utcOffsetHours * 60).rounded())
                expected +=
                    perDay * (1 - scenario.repeatShare) / 1440 * region.weight / totalWeight
                    * scenario.cycle.factor(epochMinute: minute, utcOffsetMinutes: offsetMinutes)
            }
        }
        return expected
    }

    /// Reports that are not a repeat (the same reporter, service, region and problem within 10 minutes of an
    /// earlier report): first-time and anonymous reports. `reports` is in time order.
    static func firstReports(_ reports: [SimulatedReport]) -> [SimulatedReport] {
        var last: [String: Timestamp] = [:]
        return reports.filter { report in
            guard let reporter = report.reporter else { return true }
            let key = "\(reporter)|\(report.service.rawValue)|\(report.region.code)|\(report.problem.rawValue)"
            defer { last[key] = report.at }
            guard let previous = last[key] else { return true }
            return report.at.secondsSince(previous) > 600
        }
    }

    /// `scenario` cut down to `slugs`: their services, outages, floods and surges.
    static func only(_ scenario: SimulationScenario, slugs: Set<ServiceSlug>) -> SimulationScenario {
        var scenario = scenario
        scenario.services = scenario.services.filter { slugs.contains($0.service.slug) }
        scenario.outages = scenario.outages.filter { !slugs.isDisjoint(with: $0.services.keys) }
        scenario.floods = scenario.floods.filter { slugs.contains($0.service) }
        scenario.surges = scenario.surges.filter { slugs.contains($0.service) }
        return scenario
    }

    private static func key(_ report: SimulatedReport) -> String {
        "\(report.service.rawValue)|\(report.region.code)|\(report.problem.rawValue)|\(report.at.seconds)|\(report.reporter ?? "")"
    }
}
