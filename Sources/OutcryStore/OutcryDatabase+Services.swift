package import OutcryModel

/// What `addService` did.
package enum ServiceAddOutcome: Sendable, Equatable {
    case added
    /// The service already existed with identical values.
    case unchanged
}

extension OutcryDatabase {
    /// Adds a monitored service. Idempotent for identical values; conflicting values are an error.
    ///
    /// The sensitivity is not compared: adding an existing service again leaves the sensitivity it was given
    /// with ``setSensitivity(_:of:)`` alone.
    package func addService(_ service: MonitoredService, now: Timestamp) throws(StoreError) -> ServiceAddOutcome {
        if let existing = try self.service(service.slug) {
            try Self.checkSameValues(existing: existing, requested: service)
            return .unchanged
        }
        do {
            let insert = try connection.cachedStatement(
                "INSERT INTO service (slug, name, group_name, problems, created_at, sensitivity) VALUES (?, ?, ?, ?, ?, ?)"
            )
            try insert.bind(service.slug.rawValue, at: 1)
            try insert.bind(service.name, at: 2)
            try insert.bind(service.group, at: 3)
            try insert.bind(Self.problemList(service.problems), at: 4)
            try insert.bind(now.seconds, at: 5)
            try insert.bind(service.sensitivity.rawValue, at: 6)
            try insert.run()
        } catch {
            throw .sqlite(error)
        }
        return .added
    }

    /// Every monitored service, by slug.
    package func services() throws(StoreError) -> [MonitoredService] {
        try readServices(whereSlug: nil)
    }

    /// One service, or nil.
    package func service(_ slug: ServiceSlug) throws(StoreError) -> MonitoredService? {
        try readServices(whereSlug: slug).first
    }

    /// Sets how readily the detector calls a spike of `slug` a likely outage; nil `slug` sets every service.
    /// - Returns: the sensitivity the service had before (for every service: `nil`).
    /// - Throws: ``StoreError/unknownService(_:)`` for a slug that is not monitored.
    @discardableResult
    package func setSensitivity(_ sensitivity: Sensitivity, of slug: ServiceSlug?) throws(StoreError) -> Sensitivity? {
        var previous: Sensitivity?
        if let slug {
            guard let existing = try service(slug) else { throw .unknownService(slug.rawValue) }
            previous = existing.sensitivity
        }
        do {
            let update = try connection.cachedStatement(
                "UPDATE service SET sensitivity = ?1" + (slug == nil ? "" : " WHERE slug = ?2")
            )
            try update.bind(sensitivity.rawValue, at: 1)
            if let slug { try update.bind(slug.rawValue, at: 2) }
            try update.run()
        } catch {
            throw .sqlite(error)
        }
        return previous
    }

    /// The number of stored reports (counted and duplicate) of a service.
    package func reportCount(of slug: ServiceSlug) throws(StoreError) -> Int {
        do {
            let statement = try connection.cachedStatement(
                "SELECT COUNT(*) FROM report WHERE service_id = (SELECT id FROM service WHERE slug = ?)"
            )
            defer { statement.reset() }
            try statement.bind(slug.rawValue, at: 1)
            return try statement.step() ? statement.int(at: 0) : 0
        } catch {
            throw .sqlite(error)
        }
    }

    /// Removes a service. Refuses while it has reports unless `withReports`, which deletes them, their
    /// counts and its incidents too. Returns the number of reports removed.
    @discardableResult
    package func removeService(_ slug: ServiceSlug, withReports: Bool) throws(StoreError) -> Int {
        guard try service(slug) != nil else { throw .unknownService(slug.rawValue) }
        let reports = try reportCount(of: slug)
        if reports > 0 && !withReports { throw .serviceHasReports(slug: slug.rawValue, count: reports) }
        do {
            try connection.inTransaction {
                for sql in [
                    "DELETE FROM report WHERE service_id = (SELECT id FROM service WHERE slug = ?1)",
                    "DELETE FROM minute_count WHERE service_id = (SELECT id FROM service WHERE slug = ?1)",
                    "DELETE FROM relay_minute_count WHERE service_id = (SELECT id FROM service WHERE slug = ?1)",
                    "DELETE FROM service_window WHERE service_id = (SELECT id FROM service WHERE slug = ?1)",
                    "DELETE FROM incident WHERE service = ?1",
                    "DELETE FROM service WHERE slug = ?1",
                ] {
                    let statement = try connection.cachedStatement(sql)
                    try statement.bind(slug.rawValue, at: 1)
                    try statement.run()
                }
            }
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("\(error)")
        }
        return reports
    }

    /// Slug → row id, for the ingestion path.
    func serviceIDs() throws(SQLiteError) -> [ServiceSlug: Int64] {
        let statement = try connection.cachedStatement("SELECT id, slug FROM service")
        var ids: [ServiceSlug: Int64] = [:]
        while try statement.step() {
            if let slug = statement.text(at: 1).flatMap(ServiceSlug.init(rawValue:)) {
                ids[slug] = statement.int64(at: 0)
            }
        }
        return ids
    }

    private func readServices(whereSlug slug: ServiceSlug?) throws(StoreError) -> [MonitoredService] {
        return try StoreError.catching("service") {
            let sql =
                "SELECT slug, name, group_name, problems, sensitivity FROM service"
                + (slug == nil ? "" : " WHERE slug = ?") + " ORDER BY slug"
            let statement = try connection.cachedStatement(sql)
            if let slug { try statement.bind(slug.rawValue, at: 1) }
            var services: [MonitoredService] = []
            while try statement.step() {
                guard let slugText = statement.text(at: 0), let parsed = ServiceSlug(rawValue: slugText) else {
                    throw StoreError.invalidStoredValue("service slug")
                }
                let problems = try Self.problems(fromList: statement.text(at: 3))
                guard let sensitivity = statement.text(at: 4).flatMap(Sensitivity.init(rawValue:)) else {
                    throw StoreError.invalidStoredValue("sensitivity of service \(slugText)")
                }
                services.append(
                    MonitoredService(
                        slug: parsed, name: statement.text(at: 1), group: statement.text(at: 2), problems: problems,
                        sensitivity: sensitivity
                    )
                )
            }
            return services
        }
    }

    /// The stored form of a service's problem kinds: comma-separated, nil for all kinds.
    package static func problemList(_ problems: [ProblemKind]?) -> String? {
        problems.map { $0.map(\.rawValue).joined(separator: ",") }
    }

    /// Reads ``problemList(_:)``'s form back.
    package static func problems(fromList text: String?) throws(StoreError) -> [ProblemKind]? {
        guard let text else { return nil }
        return try text.split(separator: ",").map { (name) throws(StoreError) -> ProblemKind in
            guard let kind = ProblemKind(rawValue: String(name)) else {
                throw StoreError.invalidStoredValue("problem kind \(name)")
            }
            return kind
        }
    }

    /// Adding a service that exists is fine with the same name, group and problem kinds (the sensitivity is
    /// not compared); anything else is ``StoreError/serviceConflict(slug:field:existing:requested:)``.
    package static func checkSameValues(existing: MonitoredService, requested service: MonitoredService)
        throws(StoreError)
    {
        if existing.name != service.name {
            throw .serviceConflict(
                slug: service.slug.rawValue, field: "name", existing: "\"\(existing.name)\"",
                requested: "\"\(service.name)\"")
        }
        if existing.group != service.group {
            throw .serviceConflict(
                slug: service.slug.rawValue, field: "group", existing: existing.group ?? "(none)",
                requested: service.group ?? "(none)")
        }
        if existing.problems != service.problems {
            throw .serviceConflict(
                slug: service.slug.rawValue, field: "problems", existing: problemList(existing.problems) ?? "(all)",
                requested: problemList(service.problems) ?? "(all)")
        }
    }
}
