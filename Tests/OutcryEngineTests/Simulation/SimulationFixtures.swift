import OutcryEngine
import OutcryModel

/// Small scenarios and counting helpers shared by the simulation suites.
enum SimulationFixtures {
    /// One service in one region, ordinary traffic only.
    static func singleService(
        days: Int = 2, reportsPerDay: Double = 20_000, utcOffsetHours: Double = 0,
        anonymousShare: Double = 0.15, repeatShare: Double = 0.05
    ) -> SimulationScenario {
        SimulationScenario(
            start: SimulationCatalog.midnight(2024, 3, 4),
            days: days,
            services: [
                SimulatedService(
                    service: MonitoredService(slug: SimulationCatalog.slug("whatsapp")),
                    reportsPerDay: reportsPerDay,
                    problemMix: [.connection: 0.5, .messaging: 0.3, .app: 0.2]
                )
            ],
            regions: [
                SimulatedRegion(region: SimulationCatalog.region("US"), weight: 1, utcOffsetHours: utcOffsetHours)
            ],
            anonymousShare: anonymousShare,
            repeatShare: repeatShare
        )
    }

    /// Every report of a run.
    static func reports(_ scenario: SimulationScenario, seed: UInt64) -> [SimulatedReport] {
        Array(TrafficSimulator(scenario: scenario, seed: seed))
    }

    /// Counts the reports of a run that satisfy `matches`.
    static func count(
        _ scenario: SimulationScenario, seed: UInt64, where matches: (SimulatedReport) -> Bool
    ) -> Int {
        var simulator = TrafficSimulator(scenario: scenario, seed: seed)
        var count = 0
        simulator.forEachReport { if matches($0) { count += 1 } }
        return count
    }
}

extension Timestamp {
    /// Whether the instant lies in `[start, start + minutes)`.
    func isWithin(_ start: Timestamp, minutes: Int64) -> Bool {
        self >= start && self < start.adding(minutes: minutes)
    }
}
