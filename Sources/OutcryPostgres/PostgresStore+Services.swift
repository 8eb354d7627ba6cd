import NIOCore
package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: ServiceStorage {
    package func addService(_ service: MonitoredService, now: Timestamp) throws(StoreError) -> ServiceAddOutcome {
        let inserted = try session.execute(
            """
            INSERT INTO service (slug, name, group_name, problems, created_at, sensitivity)
            VALUES (\(service.slug.rawValue), \(service.name), \(service.group),
                \(OutcryDatabase.problemList(service.problems)), \(now.seconds), \(service.sensitivity.rawValue))
            ON CONFLICT (slug) DO NOTHING
            """, "adding service \(service.slug.rawValue)")
        if inserted == 1 { return .added }
        guard let existing = try self.service(service.slug) else { throw .unknownService(service.slug.rawValue) }
        try OutcryDatabase.checkSameValues(existing: existing, requested: service)
        return .unchanged
    }

    package func services() throws(StoreError) -> [MonitoredService] {
        try readServices(
            "SELECT slug, name, group_name, problems, sensitivity FROM service ORDER BY slug COLLATE \"C\"")
    }

    package func service(_ slug: ServiceSlug) throws(StoreError) -> MonitoredService? {
        try readServices(
            "SELECT slug, name, group_name, problems, sensitivity FROM service WHERE slug = \(slug.rawValue)"
        ).first
    }

    package func setSensitivity(_ sensitivity: Sensitivity, of slug: ServiceSlug?) throws(StoreError) -> Sensitivity? {
        guard let slug else {
            try session.execute("UPDATE service SET sensitivity = \(sensitivity.rawValue)", "setting sensitivity")
            return nil
        }
        guard let existing = try service(slug) else { throw .unknownService(slug.rawValue) }
        try session.execute(
            "UPDATE service SET sensitivity = \(sensitivity.rawValue) WHERE slug = \(slug.rawValue)",
            "setting the sensitivity of \(slug.rawValue)")
        return existing.sensitivity
    }

    package func reportCount(of slug: ServiceSlug) throws(StoreError) -> Int {
        let row = try session.query(
            "SELECT count(*) FROM report WHERE service_id = (SELECT id FROM service WHERE slug = \(slug.rawValue))",
            "counting the reports of \(slug.rawValue)"
        ).first
        return Int(try row?.columns(Int64.self, "report count") ?? Int64(0))
    }

    package func removeService(_ slug: ServiceSlug, withReports: Bool) throws(StoreError) -> Int {
        guard try service(slug) != nil else { throw .unknownService(slug.rawValue) }
        let reports = try reportCount(of: slug)
        if reports > 0 && !withReports { throw .serviceHasReports(slug: slug.rawValue, count: reports) }
        try StoreError.postgresCatching("removing service \(slug.rawValue)") {
            try inTransaction {
                let id = "(SELECT id FROM service WHERE slug = $1)"
                for table in ["report", "report_first", "minute_count", "relay_minute_count"] {
                    try session.execute(
                        PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE service_id = \(id)", binds: binds(slug)),
                        "removing the \(table) rows of \(slug.rawValue)")
                }
                try session.execute("DELETE FROM incident WHERE service = \(slug.rawValue)", "removing incidents")
                try session.execute("DELETE FROM service WHERE slug = \(slug.rawValue)", "removing the service")
            }
        }
        return reports
    }

    /// Slug → row id, for the ingest path.
    func serviceIDs() throws(StoreError) -> [ServiceSlug: Int64] {
        var ids: [ServiceSlug: Int64] = [:]
        for row in try session.query("SELECT id, slug FROM service", "reading service ids") {
            let (id, slug) = try row.columns((Int64, String).self, "service id")
            if let parsed = ServiceSlug(rawValue: slug) { ids[parsed] = id }
        }
        return ids
    }

    private func binds(_ slug: ServiceSlug) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(slug.rawValue)
        return binds
    }

    private func readServices(_ query: PostgresQuery) throws(StoreError) -> [MonitoredService] {
        try session.query(query, "reading services").map { row throws(StoreError) in
            let (slug, name, group, problems, sensitivity) = try row.columns(
                (String, String?, String?, String?, String).self, "service")
            guard let parsed = ServiceSlug(rawValue: slug) else { throw .invalidStoredValue("service slug \(slug)") }
            guard let level = Sensitivity(rawValue: sensitivity) else {
                throw .invalidStoredValue("sensitivity of service \(slug)")
            }
            return MonitoredService(
                slug: parsed, name: name, group: group, problems: try OutcryDatabase.problems(fromList: problems),
                sensitivity: level)
        }
    }
}

extension PostgresStore: TokenStorage {
    package func addAPIToken(name: String, hash: [UInt8], isRelay: Bool, reportsPerSecond: Double?, now: Timestamp)
        throws(StoreError) -> APIToken
    {
        let row = try session.query(
            """
            INSERT INTO api_token (name, hash, is_relay, rate, created_at)
            VALUES (\(name), \(ByteBuffer(bytes: hash)), \(isRelay), \(reportsPerSecond), \(now.seconds)) RETURNING id
            """, "adding token \(name)"
        ).first
        guard let row else { throw .invalidStoredValue("the new token's id") }
        return APIToken(
            id: try row.columns(Int64.self, "token id"), name: name, hash: hash, isRelay: isRelay,
            reportsPerSecond: reportsPerSecond, createdAt: now)
    }

    package func apiTokens(includingRevoked: Bool) throws(StoreError) -> [APIToken] {
        try session.query(
            """
            SELECT id, name, hash, is_relay, rate, created_at, revoked_at FROM api_token
            WHERE \(includingRevoked) OR revoked_at IS NULL ORDER BY name COLLATE "C", id
            """, "reading tokens"
        ).map { row throws(StoreError) in
            let (id, name, hash, isRelay, rate, createdAt, revokedAt) = try row.columns(
                (Int64, String, ByteBuffer, Bool, Double?, Int64, Int64?).self, "token")
            return APIToken(
                id: id, name: name, hash: Array(buffer: hash), isRelay: isRelay, reportsPerSecond: rate,
                createdAt: Timestamp(seconds: createdAt), revokedAt: revokedAt.map { Timestamp(seconds: $0) })
        }
    }

    package func apiToken(named name: String) throws(StoreError) -> APIToken? {
        try apiTokens(includingRevoked: false).first { $0.name == name }
    }

    package func revokeAPIToken(named name: String, now: Timestamp) throws(StoreError) -> Bool {
        try session.execute(
            "UPDATE api_token SET revoked_at = \(now.seconds) WHERE name = \(name) AND revoked_at IS NULL",
            "revoking token \(name)") > 0
    }
}
