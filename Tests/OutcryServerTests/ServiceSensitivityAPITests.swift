import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// `GET /v1/services` shows each service's settings, its sensitivity included.
@Suite(.timeLimit(.minutes(10))) struct ServiceSensitivityAPITests {
    @Test func servicesListTheirSensitivity() async throws {
        let harness = try ServerHarness(prepare: { path in
            let database = try OutcryDatabase.file(
                path, services: [.fixture(), .fixture("instagram", name: "Instagram")])
            try database.setSensitivity(.high, of: MonitoredService.fixture().slug)
            database.close()
        })
        try await harness.test { client in
            let json = try await client.get("/v1/services").json()
            let services = try #require(json["services"] as? [[String: Any]])
            let sensitivities = Dictionary(
                uniqueKeysWithValues: services.map { ($0["slug"] as? String ?? "", $0["sensitivity"] as? String) })
            #expect(sensitivities == ["whatsapp": "high", "instagram": "normal"])
        }
    }
}
