import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// `GET /v1/incidents` pages: walking the list page by page with cursors yields the whole list, in order,
/// once each, whatever the page size and with shared onsets.
@Suite(.timeLimit(.minutes(10))) struct IncidentPagingTests {
    static func database(count: Int) throws -> (OutcryDatabase, [Incident]) {
        let database = try OutcryDatabase.inMemory(services: [.fixture(), .fixture("instagram")])
        var incidents: [Incident] = []
        for index in 0..<count {
            var incident = StoredBodyTests.incident(
                summary: "s \(index)", endedAt: index % 3 == 0 ? nil : Timestamp(seconds: 1_709_660_000))
            incident.startedAt = Timestamp(seconds: 1_709_000_000 + Int64((index * 7919) % 40) * 60)
            incident.id = "\(index % 2 == 0 ? "Z" : "a")/\((index * 104_729) % 1000)"
            if index % 5 == 0 { incident.service = ServiceSlug(rawValue: "instagram")! }
            incidents.append(incident)
        }
        try database.saveIncidents(incidents)
        return (database, incidents)
    }

    static func walk(_ database: OutcryDatabase, _ base: IncidentQuery, pageSize: Int) throws -> [String] {
        var ids: [String] = []
        var cursor: IncidentCursor?
        var pages = 0
        repeat {
            var query = base
            query.after = cursor
            query.limit = pageSize
            let page = try database.incidents(query)
            #expect(page.count <= pageSize)
            ids += page.map(\.id)
            cursor = page.count == pageSize ? page.last.map { IncidentCursor(startedAt: $0.startedAt, id: $0.id) } : nil
            pages += 1
        } while cursor != nil && pages < 1_000
        return ids
    }

    @Test(arguments: [1, 7, 50, 500])
    func pagesConcatenateToTheWholeList(pageSize: Int) throws {
        let (database, _) = try Self.database(count: 200)
        defer { database.close() }
        let everything = try database.incidents().map(\.id)
        #expect(try Self.walk(database, IncidentQuery(), pageSize: pageSize) == everything)
        let filtered = IncidentQuery(services: [ServiceSlug(rawValue: "instagram")!], activeOnly: true)
        #expect(try Self.walk(database, filtered, pageSize: pageSize) == database.incidents(filtered).map(\.id))
    }

    @Test func aLimitStopsReading() throws {
        let (database, _) = try Self.database(count: 50)
        defer { database.close() }
        #expect(
            try database.incidents(IncidentQuery(limit: 3)).map(\.id) == Array(database.incidents().map(\.id).prefix(3))
        )
        #expect(try database.incidents(IncidentQuery(limit: 0)).isEmpty)
        // A cursor past the end, or naming no stored incident, is simply a position.
        let past = IncidentCursor(startedAt: Timestamp(seconds: 0), id: "zzz")
        #expect(try database.incidents(IncidentQuery(after: past, limit: 10)).isEmpty)
    }
}
