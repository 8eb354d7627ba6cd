package import OutcryModel
package import OutcryStore

/// Fixed instants, so no test depends on the wall clock.
package enum Instants {
    /// 2024-03-05T15:00:00Z, the afternoon of Meta's March 2024 login outage.
    package static let outageAfternoon = Timestamp(seconds: 1_709_650_800)
    /// 2024-03-01T00:00:00Z, a Friday.
    package static let startOfMarch = Timestamp(seconds: 1_709_251_200)
}

extension MonitoredService {
    /// A service fixture: `whatsapp` by default.
    package static func fixture(
        _ slug: String = "whatsapp", name: String? = nil, group: String? = "meta", problems: [ProblemKind]? = nil
    )
        -> MonitoredService
    {
        MonitoredService(slug: ServiceSlug(rawValue: slug)!, name: name, group: group, problems: problems)
    }
}

extension Report {
    /// A report fixture; every field can be overridden.
    package static func fixture(
        service: String = "whatsapp", region: String = "US", problem: ProblemKind = .login,
        at: Timestamp = Instants.outageAfternoon, reporter: String? = "device-1", comment: String? = nil,
        source: ReportSource = .import
    ) -> Report {
        Report(
            service: ServiceSlug(rawValue: service)!, region: try! Region.parse(region), problem: problem, at: at,
            reporter: reporter, comment: comment, source: source
        )
    }
}

extension OutcryDatabase {
    /// An in-memory database with the given services.
    package static func inMemory(services: [MonitoredService] = [.fixture()]) throws -> OutcryDatabase {
        let database = try OutcryDatabase(path: ":memory:", now: Instants.outageAfternoon)
        for service in services { _ = try database.addService(service, now: Instants.outageAfternoon) }
        return database
    }

    /// A database file at `path` with the given services.
    package static func file(_ path: String, services: [MonitoredService] = [.fixture()]) throws -> OutcryDatabase {
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        for service in services { _ = try database.addService(service, now: Instants.outageAfternoon) }
        return database
    }
}
