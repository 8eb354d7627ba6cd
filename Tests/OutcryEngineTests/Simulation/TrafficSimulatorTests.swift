import OutcryEngine
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct TrafficSimulatorTests {
    @Test func sameSeedGivesTheSameReports() {
        let scenario = SimulationScenario.metaOutage(days: 1)
        let first = SimulationFixtures.reports(scenario, seed: 42)
        let second = SimulationFixtures.reports(scenario, seed: 42)
        #expect(first.count > 10_000)
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentReports() {
        let scenario = SimulationFixtures.singleService(days: 1)
        let first = SimulationFixtures.reports(scenario, seed: 1)
        let second = SimulationFixtures.reports(scenario, seed: 2)
        #expect(first.prefix(100) != second.prefix(100))
        #expect(Set(first.compactMap(\.reporter)) != Set(second.compactMap(\.reporter)))
    }

    @Test func outputIsPinnedAcrossPlatforms() throws {
        // Everything is integer arithmetic or hand-written maths, so these hold on every platform; a change
        // here means the generator changed and saved scenarios will no longer replay the same.
        var simulator = TrafficSimulator(scenario: .metaOutage(days: 7), seed: 1)
        let next = simulator.next()
        let first = try #require(next)
        #expect(first.service.rawValue == "gmail" && first.region.code == "US" && first.problem == .messaging)
        #expect(first.at.iso8601 == "2024-02-28T00:00:04Z" && first.reporter == "dev-839c7a3e818")
        var buffer: [UInt8] = []
        for _ in 0..<20_000 { simulator.next()?.jsonLine(into: &buffer) }
        // FNV-1a of the next 20,000 lines.
        let hash = buffer.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        #expect(hash == 7_005_103_011_901_149_699)
    }

    @Test func reportsAreInTimeOrderAndInsideTheScenario() {
        var scenario = SimulationScenario.metaOutage(days: 2)
        scenario.floods = [
            SimulatedFlood(
                service: SimulationCatalog.slug("gmail"), region: SimulationCatalog.region("FR"),
                start: scenario.start.adding(minutes: 600), minutes: 30, reportsPerMinute: 50, reporter: "bot-1"
            )
        ]
        var simulator = TrafficSimulator(scenario: scenario, seed: 3)
        var previous = scenario.start
        var count = 0
        var isOrdered = true
        var isInside = true
        simulator.forEachReport { report in
            isOrdered = isOrdered && report.at >= previous
            isInside = isInside && report.at >= scenario.start && report.at < scenario.end
            previous = report.at
            count += 1
        }
        #expect(count > 50_000)
        #expect(isOrdered)
        #expect(isInside)
    }

    @Test func generatedReportsPassTheValidator() throws {
        let scenario = SimulationScenario.metaOutage(days: 1)
        let validator = ReportValidator(
            services: scenario.services.map(\.service), now: scenario.end, defaultTime: nil, source: .import
        )
        var simulator = TrafficSimulator(scenario: scenario, seed: 5)
        for _ in 0..<2_000 {
            let next = simulator.next()
            let report = try #require(next)
            let validated = try validator.validate(report.input)
            #expect(validated.service == report.service)
            #expect(validated.region == report.region)
            #expect(validated.problem == report.problem)
            #expect(validated.at == report.at)
            #expect(validated.reporter == report.reporter)
        }
    }

    @Test func floodSendsItsRateFromOneReporter() {
        var scenario = SimulationFixtures.singleService(days: 1, reportsPerDay: 100)
        let floodStart = scenario.start.adding(minutes: 300)
        scenario.floods = [
            SimulatedFlood(
                service: SimulationCatalog.slug("whatsapp"), region: SimulationCatalog.region("US"),
                start: floodStart, minutes: 20, reportsPerMinute: 12.5, reporter: "script-7", problem: .login
            )
        ]
        let flood = SimulationFixtures.count(scenario, seed: 9) { $0.reporter == "script-7" && $0.problem == .login }
        #expect((230...270).contains(flood))
        let outside = SimulationFixtures.count(scenario, seed: 9) {
            $0.reporter == "script-7" && !$0.at.isWithin(floodStart, minutes: 20)
        }
        #expect(outside == 0)
    }
}
