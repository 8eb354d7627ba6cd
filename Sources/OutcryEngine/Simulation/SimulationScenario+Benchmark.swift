import OutcryModel

extension SimulationScenario {
    /// A load-test scenario: `services` services (real names first, `service-NN` beyond the list) with
    /// Zipf-like volumes, the `regions` largest countries of ``SimulationCatalog/regions`` (at most 30), and
    /// one global login outage of the three largest services on the last afternoon; volumes are scaled so the
    /// expected total is `totalReports`. It ends at 2024-03-06T00:00Z.
    package static func benchmark(
        days: Int = 7, services: Int = 10, regions: Int = 20, totalReports: Int = 2_000_000
    ) -> SimulationScenario {
        precondition(days >= 1 && services >= 1 && regions >= 1, "a scenario needs a day, a service and a region")
        let end = SimulationCatalog.midnight(2024, 3, 6)
        let start = end.adding(minutes: -Int64(days) * 1440)
        let simulated = (0..<services).map { index in
            let slug = index < benchmarkSlugs.count ? benchmarkSlugs[index] : "service-\(index + 1)"
            return SimulatedService(
                service: MonitoredService(slug: SimulationCatalog.slug(slug)),
                reportsPerDay: 1 / pow(Double(index + 1), 0.7),
                problemMix: [
                    .app: 0.35, .connection: 0.25, .login: 0.15, .website: 0.12, .messaging: 0.08, .other: 0.05,
                ]
            )
        }
        let lastAfternoon = end.adding(minutes: -9 * 60)
        var scenario = SimulationScenario(
            start: start,
            days: days,
            services: simulated,
            regions: Array(SimulationCatalog.regions.prefix(regions)),
            outages: [
                SimulatedOutage(
                    services: Dictionary(
                        simulated.prefix(3).map { ($0.service.slug, 30.0) }, uniquingKeysWith: { first, _ in first }
                    ),
                    start: lastAfternoon,
                    rampMinutes: 8, fullMinutes: 90, recoveryMinutes: 25,
                    problemMix: [.login: 0.76, .app: 0.14, .website: 0.10]
                )
            ],
            reporterPoolSize: max(10_000, totalReports / 5),
            anonymousShare: 0.15,
            repeatShare: 0.05
        )
        let scale = Double(totalReports) / scenario.expectedReportCount()
        for index in scenario.services.indices { scenario.services[index].reportsPerDay *= scale }
        return scenario
    }

    private static let benchmarkSlugs = [
        "whatsapp", "instagram", "facebook", "youtube", "gmail", "netflix", "discord", "steam", "spotify",
        "tiktok", "outlook", "teams", "zoom", "aws", "cloudflare", "roblox", "playstation-network", "xbox-live",
        "reddit", "x",
    ]

    /// `base` raised to `exponent` for positive `base`, without the C library.
    private static func pow(_ base: Double, _ exponent: Double) -> Double {
        SimulationMath.exp(exponent * SimulationMath.log(base))
    }
}
