import OutcryEngine
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct SimulationScenarioTests {
    private static let outageDay = SimulationCatalog.midnight(2024, 3, 5)

    @Test func metaOutageEndsAfterTheOutageDay() {
        let scenario = SimulationScenario.metaOutage(days: 7)
        #expect(scenario.start == SimulationCatalog.midnight(2024, 2, 28))
        #expect(scenario.end == SimulationCatalog.midnight(2024, 3, 6))
        #expect(scenario.regions.count == 20)
        let meta = scenario.services.filter { $0.service.group == "meta" }.map(\.service.slug.rawValue)
        #expect(Set(meta) == ["whatsapp", "instagram", "messenger", "facebook", "threads"])
        #expect(scenario.services.contains { $0.service.group != "meta" })
    }

    @Test func outageMultipliesAffectedServicesWithMostlyLoginReports() {
        let scenario = SimulationScenario.metaOutage(days: 2)
        // Full strength runs from 15:08 to 16:43 UTC.
        let window = SimulationScenario.metaOutageStart.adding(minutes: 10)
        let dayBefore = window.adding(minutes: -1440)
        var during = 0
        var loginDuring = 0
        var before = 0
        var simulator = TrafficSimulator(scenario: scenario, seed: 21)
        simulator.forEachReport { report in
            guard report.service.rawValue == "facebook" else { return }
            if report.at.isWithin(window, minutes: 90) {
                during += 1
                if report.problem == .login { loginDuring += 1 }
            } else if report.at.isWithin(dayBefore, minutes: 90) {
                before += 1
            }
        }
        #expect(before > 200)
        #expect(Double(during) > 30 * Double(before))
        // (0.18 · 1 + 0.76 · 59) / 60 at full strength.
        #expect(abs(Double(loginDuring) / Double(during) - 0.75) < 0.03)
    }

    @Test func unaffectedServicesStayNearNormal() {
        let scenario = SimulationScenario.metaOutage(days: 2)
        let window = SimulationScenario.metaOutageStart.adding(minutes: 10)
        let dayBefore = window.adding(minutes: -1440)
        var during: [String: Int] = [:]
        var before: [String: Int] = [:]
        var simulator = TrafficSimulator(scenario: scenario, seed: 21)
        simulator.forEachReport { report in
            if report.at.isWithin(window, minutes: 90) { during[report.service.rawValue, default: 0] += 1 }
            if report.at.isWithin(dayBefore, minutes: 90) { before[report.service.rawValue, default: 0] += 1 }
        }
        // Netflix and Gmail are unrelated; WhatsApp gets 1.5 times its usual volume at most. Day-to-day noise
        // alone moves a 90-minute window by about 15%.
        for (slug, limit) in [("netflix", 1.6), ("gmail", 1.6), ("whatsapp", 2.3)] {
            let ratio = Double(during[slug, default: 0]) / Double(before[slug, default: 1])
            #expect(ratio > 0.6 && ratio < limit, "\(slug): \(during[slug, default: 0]) vs \(before[slug, default: 0])")
        }
    }

    @Test func regionalOutageShowsOnlyInItsRegion() {
        // With three days the regional outage is on the first day at 18:20 UTC.
        let scenario = SimulationScenario.metaOutage(days: 3)
        let window = scenario.start.adding(minutes: 18 * 60 + 24)
        let nextDay = window.adding(minutes: 1440)
        var counts = (germanyDuring: 0, germanyAfter: 0, elsewhereDuring: 0, elsewhereAfter: 0)
        var connection = 0
        var simulator = TrafficSimulator(scenario: scenario, seed: 8)
        simulator.forEachReport { report in
            guard report.service.rawValue == "whatsapp" else { return }
            let isGermany = report.region.code == "DE"
            if report.at.isWithin(window, minutes: 32) {
                if isGermany {
                    counts.germanyDuring += 1
                    if report.problem == .connection { connection += 1 }
                } else {
                    counts.elsewhereDuring += 1
                }
            } else if report.at.isWithin(nextDay, minutes: 32) {
                if isGermany { counts.germanyAfter += 1 } else { counts.elsewhereAfter += 1 }
            }
        }
        #expect(counts.germanyAfter > 0)
        #expect(Double(counts.germanyDuring) > 10 * Double(counts.germanyAfter))
        #expect(Double(connection) > 0.6 * Double(counts.germanyDuring))
        // Elsewhere it is an ordinary (Sunday) evening, compared with a Monday evening.
        #expect(Double(counts.elsewhereDuring) < 1.5 * Double(counts.elsewhereAfter))
    }

    @Test func nightsAreQuieterThanEvenings() {
        // Brazil-like region at UTC-3 over a week: 03:00–05:00 local against 19:00–21:00 local.
        let scenario = SimulationFixtures.singleService(days: 7, reportsPerDay: 5_000, utcOffsetHours: -3)
        var night = 0
        var evening = 0
        var simulator = TrafficSimulator(scenario: scenario, seed: 4)
        simulator.forEachReport { report in
            let localHour = CivilTime(report.at.adding(seconds: -3 * 3600)).hour
            if (3..<5).contains(localHour) { night += 1 }
            if (19..<21).contains(localHour) { evening += 1 }
        }
        #expect(Double(night) < 0.3 * Double(evening))
    }

    @Test func weekendsAreQuieterThanWeekdays() {
        // 2024-03-04 is a Monday: days 0-4 are weekdays, 5-6 the weekend.
        let scenario = SimulationFixtures.singleService(days: 7, reportsPerDay: 5_000)
        var perDay = [Int](repeating: 0, count: 7)
        var simulator = TrafficSimulator(scenario: scenario, seed: 6)
        simulator.forEachReport { report in
            perDay[Int((report.at.seconds - scenario.start.seconds) / 86_400)] += 1
        }
        let weekday = Double(perDay[0..<5].reduce(0, +)) / 5
        let weekend = Double(perDay[5..<7].reduce(0, +)) / 2
        #expect(weekend < 0.92 * weekday && weekend > 0.65 * weekday)
    }

    @Test func benchmarkTotalIsWithinFivePercent() {
        let scenario = SimulationScenario.benchmark(totalReports: 200_000)
        #expect(scenario.services.count == 10)
        #expect(scenario.regions.count == 20)
        #expect(abs(scenario.expectedReportCount() - 200_000) < 1)
        var total = 0
        var services = Set<ServiceSlug>()
        var regions = Set<Region>()
        var simulator = TrafficSimulator(scenario: scenario, seed: 99)
        simulator.forEachReport { report in
            total += 1
            services.insert(report.service)
            regions.insert(report.region)
        }
        #expect(abs(Double(total) / 200_000 - 1) < 0.05, "generated \(total)")
        #expect(services.count == 10)
        #expect(regions.count == 20)
    }

    @Test func metaOutageVolumeMatchesItsExpectation() {
        let scenario = SimulationScenario.metaOutage(days: 2)
        let total = SimulationFixtures.count(scenario, seed: 31) { _ in true }
        // The outage is 40% of the volume and follows the services' noisy daily level, hence the wide margin.
        #expect(abs(Double(total) / scenario.expectedReportCount() - 1) < 0.15)
    }

    @Test func anonymousAndDuplicateSharesMatchTheScenario() {
        let scenario = SimulationFixtures.singleService(
            days: 2, reportsPerDay: 40_000, anonymousShare: 0.2, repeatShare: 0.08
        )
        // The store's rule: a signed report less than 15 minutes (its default cooldown) from the same
        // reporter's last counted report on the same service is a duplicate.
        var lastSeen: [String: Timestamp] = [:]
        var total = 0
        var anonymous = 0
        var duplicates = 0
        var simulator = TrafficSimulator(scenario: scenario, seed: 17)
        simulator.forEachReport { report in
            total += 1
            guard let reporter = report.reporter else {
                anonymous += 1
                return
            }
            let key = reporter + "|" + report.service.rawValue
            if let last = lastSeen[key], report.at.seconds - last.seconds < 900 {
                duplicates += 1
            } else {
                lastSeen[key] = report.at
            }
        }
        #expect(abs(Double(anonymous) / Double(total) - 0.2) < 0.01)
        #expect(abs(Double(duplicates) / Double(total) - 0.08) < 0.01)
    }
}
