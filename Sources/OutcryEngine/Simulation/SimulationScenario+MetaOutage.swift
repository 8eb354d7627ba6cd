package import OutcryModel

extension SimulationScenario {
    /// The instant the 5 March 2024 Meta login outage started, as simulated (15:00 UTC).
    package static let metaOutageStart = CivilTime(year: 2024, month: 3, day: 5, hour: 15).timestamp

    /// `days` days of ordinary traffic for Meta's apps and two unrelated services in twenty countries, ending
    /// with an outage like Meta's of 5 March 2024 on the last day.
    ///
    /// From 15:00 UTC Facebook, Instagram, Messenger and Threads get 30–60 times their usual reports for about
    /// two hours, everywhere, 76% of them about logging in; WhatsApp barely moves. The scenario ends at
    /// 2024-03-06T00:00Z and starts `days` days earlier. Two days before the big one (or on the first day),
    /// WhatsApp has a 40-minute connection problem in Germany only, from 18:20 UTC.
    package static func metaOutage(days: Int = 7) -> SimulationScenario {
        precondition(days >= 1, "a scenario needs at least one day")
        let lastDay = SimulationCatalog.midnight(2024, 3, 5)
        let start = lastDay.adding(minutes: -Int64(days - 1) * 1440)
        let slug = SimulationCatalog.slug
        let regionalDay = max(0, days - 3)
        let regionalStart = start.adding(minutes: Int64(regionalDay) * 1440 + 18 * 60 + 20)
        return SimulationScenario(
            start: start,
            days: days,
            services: metaServices,
            regions: Array(SimulationCatalog.regions.prefix(20)),
            outages: [
                SimulatedOutage(
                    services: [slug("whatsapp"): 30],
                    regions: [SimulationCatalog.region("DE")],
                    start: regionalStart,
                    rampMinutes: 4, fullMinutes: 32, recoveryMinutes: 4,
                    problemMix: [.connection: 0.70, .messaging: 0.20, .app: 0.10]
                ),
                SimulatedOutage(
                    services: [
                        slug("facebook"): 60, slug("instagram"): 40, slug("messenger"): 35, slug("threads"): 30,
                    ],
                    start: metaOutageStart,
                    rampMinutes: 8, fullMinutes: 95, recoveryMinutes: 25,
                    problemMix: [.login: 0.76, .app: 0.14, .website: 0.10]
                ),
                SimulatedOutage(
                    services: [slug("whatsapp"): 1.5],
                    start: metaOutageStart,
                    rampMinutes: 8, fullMinutes: 95, recoveryMinutes: 25,
                    problemMix: [.messaging: 0.45, .connection: 0.35, .login: 0.20]
                ),
            ],
            reporterPoolSize: 200_000,
            anonymousShare: 0.15,
            repeatShare: 0.05
        )
    }

    /// Meta's five apps (group `meta`), Gmail (group `google`) and Netflix, with everyday volumes and mixes.
    private static var metaServices: [SimulatedService] {
        func service(
            _ slug: String, _ name: String, _ group: String?, _ perDay: Double, _ mix: [ProblemKind: Double]
        ) -> SimulatedService {
            SimulatedService(
                service: MonitoredService(slug: SimulationCatalog.slug(slug), name: name, group: group),
                reportsPerDay: perDay,
                problemMix: mix
            )
        }
        return [
            service(
                "whatsapp", "WhatsApp", "meta", 9000,
                [.connection: 0.36, .messaging: 0.30, .app: 0.20, .notifications: 0.08, .login: 0.06]
            ),
            service(
                "instagram", "Instagram", "meta", 7000,
                [.app: 0.45, .login: 0.18, .connection: 0.17, .website: 0.12, .notifications: 0.08]
            ),
            service(
                "messenger", "Messenger", "meta", 3000,
                [.messaging: 0.38, .connection: 0.28, .app: 0.20, .login: 0.09, .notifications: 0.05]
            ),
            service(
                "facebook", "Facebook", "meta", 8000,
                [.website: 0.32, .app: 0.30, .login: 0.18, .connection: 0.14, .notifications: 0.06]
            ),
            service(
                "threads", "Threads", "meta", 1200,
                [.app: 0.50, .login: 0.20, .website: 0.15, .connection: 0.15]
            ),
            service(
                "gmail", "Gmail", "google", 4000,
                [.website: 0.32, .messaging: 0.30, .login: 0.23, .app: 0.15]
            ),
            service(
                "netflix", "Netflix", nil, 3500,
                [.app: 0.42, .connection: 0.30, .login: 0.14, .website: 0.08, .payments: 0.06]
            ),
        ]
    }
}
