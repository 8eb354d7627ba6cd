import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// The scenario suite the detector is judged by: deterministic per seed, ground truth in the evaluate format and
/// inside the run, outages that really add the reports their kind promises, controls without windows.
@Suite(.timeLimit(.minutes(10))) struct SimulationSuiteTests {
    static let outageKinds = SuiteKind.allCases.filter { !$0.isControl }
    static let controlKinds = SuiteKind.allCases.filter(\.isControl)

    // MARK: - Determinism

    @Test func theSameSeedGivesTheSameSuiteAndReports() {
        #expect(SimulationScenario.suite(days: 28, seed: 7) == SimulationScenario.suite(days: 28, seed: 7))
        #expect(SimulationScenario.suite(days: 28, seed: 7) != SimulationScenario.suite(days: 28, seed: 8))
        var first = SimulationScenario.suite(days: 7, seed: 7).scenario
        first.days = 1
        let a = SimulationFixtures.reports(first, seed: 7)
        let b = SimulationFixtures.reports(first, seed: 7)
        #expect(!a.isEmpty)
        #expect(a == b)
        var other = SimulationScenario.suite(days: 7, seed: 8).scenario
        other.days = 1
        #expect(SimulationFixtures.reports(other, seed: 8) != a)
    }

    @Test func windowsAndKindsFilesAreTheSameForTheSameSeed() {
        let a = SimulationScenario.suite(days: 28, seed: 3)
        let b = SimulationScenario.suite(days: 28, seed: 3)
        #expect(a.windowsJSON == b.windowsJSON)
        #expect(a.kindsJSON == b.kindsJSON)
    }

    // MARK: - Ground truth

    @Test(arguments: [1, 2, 3, 11] as [UInt64])
    func windowsFileHasTheEvaluateShapeAndLiesInTheRun(seed: UInt64) throws {
        let suite = SimulationScenario.suite(days: 28, seed: seed)
        let windows = try #require(
            try JSONSerialization.jsonObject(with: Data(suite.windowsJSON.utf8)) as? [String: [Any]]
        )
        let kinds = try #require(
            try JSONSerialization.jsonObject(with: Data(suite.kindsJSON.utf8)) as? [String: String])
        #expect(Set(windows.keys) == Set(suite.scenario.services.map(\.service.slug.rawValue)))
        #expect(Set(kinds.keys) == Set(windows.keys))
        #expect(Set(kinds.values) == Set(SuiteKind.allCases.map(\.rawValue)))
        for (slug, list) in windows {
            let kind = try #require(kinds[slug].flatMap(SuiteKind.init(rawValue:)))
            #expect(slug.hasPrefix(kind.rawValue + "-"), "the slug \(slug) names its kind \(kind.rawValue)")
            #expect(kind.isControl == list.isEmpty, "\(slug): controls and only controls have no window")
            for entry in list {
                let start: String
                let end: String
                if let pair = entry as? [String] {
                    try #require(pair.count == 2)
                    (start, end) = (pair[0], pair[1])
                    #expect(kind != .regional, "\(slug): a regional outage names its region")
                } else {
                    let object = try #require(entry as? [String: String])
                    #expect(Set(object.keys) == ["region", "start", "end"])
                    #expect(kind == .regional)
                    _ = try Region.parse(object["region"] ?? "")
                    (start, end) = (object["start"] ?? "", object["end"] ?? "")
                }
                let from = try #require(Timestamp(iso8601: start))
                let to = try #require(Timestamp(iso8601: end))
                #expect(start.hasSuffix("Z") && end.hasSuffix("Z"))
                #expect(from < to)
                #expect(
                    from >= suite.scenario.start && to <= suite.scenario.end, "\(slug) \(start)…\(end) outside the run")
            }
        }
    }

    @Test func everyOutageKindHasSeveralWindowsAndSomeAreInTheFirstWeek() {
        let suite = SimulationScenario.suite(days: 28, seed: 5)
        var firstWeek = Set<SuiteKind>()
        for kind in Self.outageKinds {
            let cases = suite.cases.filter { $0.kind == kind }
            let windows = cases.flatMap(\.windows)
            #expect(windows.count >= 3, "\(kind.rawValue): \(windows.count) windows")
            for suiteCase in cases {
                let service = suite.scenario.services.first { $0.service.slug == suiteCase.slug }
                let origin = service?.activeFrom ?? suite.scenario.start
                if suiteCase.windows.contains(where: { $0.start.secondsSince(origin) < 7 * 86_400 }) {
                    firstWeek.insert(kind)
                }
            }
        }
        #expect(firstWeek.isSuperset(of: [.global, .regional, .calmShort, .slowRamp, .newService, .small]))
        for control in Self.controlKinds {
            let cases = suite.cases.filter { $0.kind == control }
            #expect(cases.count >= 2 && cases.allSatisfy(\.windows.isEmpty))
        }
    }

    @Test func eachWindowStartsAtItsOutageAndEndsHalfAnHourAfterIt() throws {
        let suite = SimulationScenario.suite(days: 28, seed: 2)
        for suiteCase in suite.cases where !suiteCase.kind.isControl {
            for window in suiteCase.windows {
                let surge = try #require(
                    suite.scenario.surges.first { $0.service == suiteCase.slug && $0.start == window.start }
                )
                #expect(window.end == surge.end.adding(minutes: 30))
                #expect(window.region == surge.regions?.first)
            }
        }
    }

    // MARK: - The reports each kind adds

    @Test func outagesAddTheirReportsFromDistinctPeopleAndNothingElse() throws {
        let run = SuiteRun.shared
        #expect(run.ordinaryTrafficUnchanged, "surges leave ordinary traffic unchanged")
        for suiteCase in run.suite.cases where !suiteCase.kind.isControl {
            let extras = run.extras(of: suiteCase.slug)
            let surges = run.suite.scenario.surges.filter { $0.service == suiteCase.slug }
            let fresh = firstReports(extras)
            #expect(fresh.count == surges.reduce(0) { $0 + $1.reports }, "\(suiteCase.slug)")
            #expect(Set(fresh.compactMap(\.reporter)).count == fresh.count, "one reporter per extra report")
            #expect(extras.allSatisfy { $0.reporter != nil })
            for report in fresh {
                #expect(surges.contains { report.at >= $0.start && report.at < $0.end })
            }
        }
        let controls = Set(run.suite.cases.filter(\.kind.isControl).map(\.slug))
        #expect(!run.extras.contains { controls.contains($0.service) }, "controls get no outage reports")
    }

    @Test func calmShortOutagesAre9To20ReportersWithin15Minutes() throws {
        let run = SuiteRun.shared
        for suiteCase in run.suite.cases where suiteCase.kind == .calmShort {
            let perDay = try #require(run.suite.scenario.services.first { $0.service.slug == suiteCase.slug })
                .reportsPerDay
            #expect(perDay <= 10, "a few reports a day")
            let fresh = firstReports(run.extras(of: suiteCase.slug))
            for window in suiteCase.windows {
                let inside = fresh.filter { $0.at >= window.start && $0.at < window.end }
                #expect((9...20).contains(inside.count), "\(suiteCase.slug): \(inside.count) extra reporters")
                let span = (inside.map(\.at).max() ?? window.start).secondsSince(inside.map(\.at).min() ?? window.start)
                #expect(span < 15 * 60, "\(suiteCase.slug): spread over \(span) s")
            }
        }
    }

    @Test func regionalOutagesAdd27To40ReportsInOneRegionOnly() throws {
        let run = SuiteRun.shared
        for suiteCase in run.suite.cases where suiteCase.kind == .regional {
            let fresh = firstReports(run.extras(of: suiteCase.slug))
            for window in suiteCase.windows {
                let region = try #require(window.region)
                let inside = fresh.filter { $0.at >= window.start && $0.at < window.end }
                #expect((27...40).contains(inside.count))
                #expect(inside.allSatisfy { $0.region == region })
                let minutes = window.end.secondsSince(window.start) / 60 - 30
                #expect((30...60).contains(minutes))
            }
        }
    }

    @Test func burstySeriesHaveHarmlessOneBucketBurstsAndLongRealOutages() throws {
        let run = SuiteRun.shared
        let scenario = run.suite.scenario
        for suiteCase in run.suite.cases where suiteCase.kind == .bursty {
            var perBucket: [Int64: Int] = [:]
            for report in firstReports(run.ordinary(of: suiteCase.slug)) {
                perBucket[report.at.seconds / 300, default: 0] += 1
            }
            let buckets = (0..<(Int64(scenario.days) * 288)).map { perBucket[scenario.start.seconds / 300 + $0] ?? 0 }
            let median = buckets.sorted()[buckets.count / 2]
            #expect((1...3).contains(median), "median \(median) per 5 minutes")

            let extras = firstReports(run.extras(of: suiteCase.slug))
            let bursts = scenario.surges.filter { surge in
                surge.service == suiteCase.slug && !suiteCase.windows.contains { $0.start == surge.start }
            }
            #expect(bursts.count >= 3, "3–5 bursts a week")
            for burst in bursts {
                let inside = extras.filter { $0.at >= burst.start && $0.at < burst.end }
                #expect((100...200).contains(inside.count))
                #expect(Set(inside.map { $0.at.seconds / 300 }).count == 1, "a burst fills one 5-minute bucket")
            }
            #expect((1...2).contains(suiteCase.windows.count))
            for window in suiteCase.windows {
                #expect(window.end.secondsSince(window.start) >= 60 * 60, "real outages last 30 minutes or more")
            }
        }
    }

    /// The excess during each outage's full-strength minutes, as a multiple of the baseline expected then: the
    /// kind's multiple less one (global 10–30, slow ramp 3–5, small 2–3, new service 4–12), give or take noise.
    @Test(arguments: [
        (SuiteKind.global, 7.0, 35.0), (.slowRamp, 1.5, 4.8), (.small, 0.7, 2.4), (.newService, 2.2, 13.0),
    ])
    func multiplicativeOutagesReachTheirMultipleOfTheBaseline(kind: SuiteKind, lowest: Double, highest: Double) throws {
        let run = SuiteRun.shared
        for suiteCase in run.suite.cases where suiteCase.kind == kind {
            for surge in run.suite.scenario.surges where surge.service == suiteCase.slug {
                let ratio = run.excessRatio(of: surge)
                #expect(ratio >= lowest && ratio <= highest, "\(suiteCase.slug): excess \(ratio) × the baseline")
                if kind == .slowRamp { #expect((50...70).contains(surge.rampMinutes)) }
            }
        }
    }

    @Test func groupsFailTogetherWithOneStrongEpicentre() throws {
        let run = SuiteRun.shared
        let services = run.suite.scenario.services
        let groups = Dictionary(grouping: services.filter { $0.service.group != nil }) { $0.service.group ?? "" }
        #expect(groups.count == 2)
        for (_, members) in groups {
            #expect(members.count == 3)
            let cases = members.map { member in run.suite.cases.first { $0.slug == member.service.slug } }
            let starts = cases.compactMap { $0?.windows.first?.start }
            #expect(starts.count == 3)
            #expect((starts.max() ?? .distantPast).secondsSince(starts.min() ?? .distantPast) <= 3 * 60)
            var ratios: [Double] = []
            for member in members {
                let surge = try #require(run.suite.scenario.surges.first { $0.service == member.service.slug })
                ratios.append(run.excessRatio(of: surge))
            }
            ratios.sort()
            #expect(ratios[2] >= 10, "the epicentre is strong: \(ratios)")
            #expect(ratios[0] >= 1 && ratios[1] <= 4.5, "the other two are moderate: \(ratios)")
        }
    }

    @Test func newServicesHaveNoTrafficBeforeTheyStart() throws {
        let run = SuiteRun.shared
        let start = run.suite.scenario.start
        let late = run.suite.scenario.services.filter { $0.activeFrom.map { $0 > start } ?? false }
        #expect(late.count >= 2)
        for service in late {
            let reports = run.ordinary(of: service.service.slug)
            let activeFrom = try #require(service.activeFrom)
            #expect(!reports.isEmpty)
            #expect(reports.allSatisfy { $0.at >= activeFrom.bucketStart(width: 60) })
        }
    }

    // MARK: - Controls

    @Test func controlsHaveNoWindowsAndTheirShapes() throws {
        let suite = SimulationScenario.suite(days: 28, seed: 10)
        let scenario = suite.scenario
        for suiteCase in suite.cases where suiteCase.kind.isControl {
            #expect(suiteCase.windows.isEmpty)
            #expect(!scenario.surges.contains { $0.service == suiteCase.slug }, "controls get no outage reports")
            let swells = scenario.outages.filter { $0.services[suiteCase.slug] != nil }
            switch suiteCase.kind {
            case .holiday:
                #expect(swells.count == 1 && swells[0].services[suiteCase.slug] == 1.5)
                #expect(swells.allSatisfy { $0.rampMinutes + $0.fullMinutes + $0.recoveryMinutes >= 1440 })
            case .doubling:
                #expect(swells.count == 1 && swells[0].services[suiteCase.slug] == 2)
                #expect(swells.allSatisfy { $0.rampMinutes == 14 * 1440 })
            case .dailyPeak:
                #expect(swells.count == scenario.days)
                #expect(swells.allSatisfy { $0.services[suiteCase.slug] == 3 })
                #expect(Set(swells.map { $0.start.seconds.modulo(86_400) }).count == 1, "the same time every day")
            case .hammer:
                let floods = scenario.floods.filter { $0.service == suiteCase.slug }
                let signed = floods.filter { $0.reporter != nil }
                let anonymous = floods.filter { $0.reporter == nil }
                #expect(signed.count == 1 && anonymous.count == 1)
                #expect(signed.allSatisfy { Double($0.minutes) * $0.reportsPerMinute >= 199 })
                #expect(anonymous.allSatisfy { Double($0.minutes) * $0.reportsPerMinute >= 149 })
            default:
                Issue.record("\(suiteCase.kind) is not a control")
            }
        }
    }

    @Test func aHolidayAddsHalfADayOfTraffic() throws {
        let suite = SimulationScenario.suite(days: 28, seed: 2)
        let suiteCase = try #require(suite.cases.first { $0.kind == .holiday })
        var scenario = suite.scenario
        let swell = try #require(scenario.outages.first { $0.services[suiteCase.slug] != nil })
        scenario.days = Int(swell.end.secondsSince(scenario.start) / 86_400) + 1
        let day = swell.start
        let surged = count(scenario, slug: suiteCase.slug, from: day, seed: 2)
        scenario.outages.removeAll { $0.services[suiteCase.slug] != nil }
        let normal = count(scenario, slug: suiteCase.slug, from: day, seed: 2)
        let ratio = Double(surged) / Double(max(1, normal))
        #expect(ratio > 1.3 && ratio < 1.65, "holiday ratio \(ratio)")
    }

    // MARK: - Helpers

    private func firstReports(_ reports: [SimulatedReport]) -> [SimulatedReport] { SuiteRun.firstReports(reports) }

    /// Reports of `slug` in the day from `from`.
    private func count(_ scenario: SimulationScenario, slug: ServiceSlug, from: Timestamp, seed: UInt64) -> Int {
        let to = from.adding(minutes: 1440)
        return SimulationFixtures.count(SuiteRun.only(scenario, slugs: [slug]), seed: seed) {
            $0.service == slug && $0.at >= from && $0.at < to
        }
    }
}
