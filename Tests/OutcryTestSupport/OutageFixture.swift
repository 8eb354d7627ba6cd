import Foundation
package import OutcryEngine
package import OutcryModel
import OutcryStore

/// A small simulated world for detection tests: three Meta apps and Gmail in two countries, two quiet days
/// with a daily cycle and then, on 5 March 2024 at 15:00 UTC, a login outage of the three Meta apps.
///
/// Small enough to write into a fresh database in a moment, large enough for the detector to learn a
/// baseline (about 20,000 reports from many distinct reporters, some repeats and anonymous reports).
package enum OutageFixture {
    /// 2024-03-03T00:00:00Z, the first simulated minute.
    package static let start = CivilTime(year: 2024, month: 3, day: 3).timestamp
    /// 2024-03-05T15:00:00Z: the outage begins (ramping up over five minutes).
    package static let outageStart = Instants.outageAfternoon
    /// Minutes from the outage's start to its full recovery.
    package static let outageMinutes: Int64 = 5 + 60 + 10
    /// 2024-03-06T00:00:00Z, the first instant after the scenario.
    package static var end: Timestamp { scenario().end }

    /// The services with an outage, by slug.
    package static let metaSlugs = ["instagram", "messenger", "whatsapp"]
    /// The service that stays quiet throughout.
    package static let quietSlug = "gmail"

    /// The scenario; without the outage it is three quiet days.
    package static func scenario(withOutage: Bool = true) -> SimulationScenario {
        func service(_ slug: String, _ name: String, _ group: String, _ perDay: Double) -> SimulatedService {
            SimulatedService(
                service: MonitoredService(slug: SimulationCatalog.slug(slug), name: name, group: group),
                reportsPerDay: perDay,
                problemMix: [.connection: 0.4, .app: 0.35, .messaging: 0.15, .login: 0.1]
            )
        }
        let outage = SimulatedOutage(
            services: [
                SimulationCatalog.slug("whatsapp"): 30, SimulationCatalog.slug("instagram"): 25,
                SimulationCatalog.slug("messenger"): 25,
            ],
            start: outageStart, rampMinutes: 5, fullMinutes: 60, recoveryMinutes: 10,
            problemMix: [.login: 0.8, .app: 0.2]
        )
        return SimulationScenario(
            start: start,
            days: 3,
            services: [
                service("whatsapp", "WhatsApp", "meta", 2400),
                service("instagram", "Instagram", "meta", 2000),
                service("messenger", "Messenger", "meta", 1600),
                service("gmail", "Gmail", "google", 1600),
            ],
            regions: [
                SimulatedRegion(region: SimulationCatalog.region("US"), weight: 2, utcOffsetHours: -6),
                SimulatedRegion(region: SimulationCatalog.region("DE"), weight: 1, utcOffsetHours: 1),
            ],
            outages: withOutage ? [outage] : [],
            reporterPoolSize: 50_000
        )
    }

    /// The scenario's services, as registered in the database.
    package static var services: [MonitoredService] { scenario().services.map(\.service) }

    /// The scenario's reports with `at < cutOff` (all of them without a cut-off), in time order.
    package static func reports(withOutage: Bool = true, seed: UInt64 = 7, before cutOff: Timestamp? = nil) -> [Report]
    {
        var reports: [Report] = []
        for simulated in TrafficSimulator(scenario: scenario(withOutage: withOutage), seed: seed) {
            if let cutOff, simulated.at >= cutOff { break }
            reports.append(
                Report(
                    service: simulated.service, region: simulated.region, problem: simulated.problem, at: simulated.at,
                    reporter: simulated.reporter, comment: nil, source: .import
                )
            )
        }
        return reports
    }

    /// Writes, at `path`, a database holding every report of the scenario (with the outage, seed 7).
    ///
    /// The database is built once per test process through ``seed(path:reports:)`` and copied from then on:
    /// storing the reports is the slow part of a detection test.
    package static func seedAllReports(path: String) throws {
        try seededFile.get().write(to: URL(fileURLWithPath: path))
    }

    /// Every report of the scenario (with the outage, seed 7), simulated once per test process.
    package static let allReports = reports()

    /// The template: seeded once, checkpointed and closed (so the main file holds everything, no WAL).
    private static let seededFile = Result<Data, any Error> {
        let folder = TemporaryDirectory(prefix: "outcry-fixture")
        let path = folder.path("fixture.sqlite")
        try seed(path: path, reports: allReports)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Creates (or opens) the database at `path`, registers the services and stores `reports` through the
    /// real ingestion path (``ReportWriter``), in batches.
    package static func seed(path: String, reports: [Report]) throws {
        let database = try OutcryDatabase.file(path, services: services)
        defer { database.close() }
        let writer = try ReportWriter(database: database)
        var index = 0
        while index < reports.count {
            let batch = Array(reports[index..<min(index + 5_000, reports.count)])
            try writer.write(batch, receivedAt: batch[batch.count - 1].at)
            index += batch.count
        }
        try database.checkpoint()
    }
}
