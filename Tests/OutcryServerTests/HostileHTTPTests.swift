import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

/// What one hostile client can send the HTTP surface: out-of-schema query values, forged Host headers,
/// cross-site form posts. Each gets a clear 4xx (or is ignored), never a crash or a 5xx.
@Suite(.timeLimit(.minutes(10))) struct HostileHTTPTests {
    /// The reproduction of issue #10: this GET killed the daemon with an arithmetic overflow.
    @Test func anOverflowingBucketIsA400() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.get("/v1/services/whatsapp/series?bucket=9223372036854775807")
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json["field"] as? String == "bucket")
            #expect((json["error"] as? String)?.contains("use 1m, 5m, 15m or 60m") == true)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    /// Out-of-schema values on every route that reads a query: 400 naming the parameter (414 for an over-long
    /// query), never a 5xx.
    @Test func outOfSchemaQueriesAreRefusedByName() async throws {
        let harness = try ServerHarness()
        let cases: [(String, String)] = [
            ("/v1/services/whatsapp/series?bucket=-9223372036854775808", "bucket"),
            ("/v1/services/whatsapp/series?bucket=1d", "bucket"),
            ("/v1/services/whatsapp/series?from=99999999999999999999", "from"),
            ("/v1/services/whatsapp/series?from=0&to=4102444800&bucket=1m", "bucket"),
            ("/v1/services/whatsapp/series?to=-1", "to"),
            ("/v1/services/whatsapp/series?region=%FF", "region"),
            ("/v1/services/whatsapp/series?region=US&region=DE", "region"),
            ("/v1/incidents?limit=0", "limit"),
            ("/v1/incidents?limit=100000000000000000000", "limit"),
            ("/v1/incidents?limit=-5", "limit"),
            ("/v1/incidents?cursor=not-a-cursor", "cursor"),
            ("/v1/incidents?cursor=%", "cursor"),
            ("/v1/incidents?active=yes", "active"),
            ("/v1/incidents?service=Not%20A%20Slug", "service"),
            ("/v1/incidents?group=%3Cscript%3E", "group"),
            ("/v1/incidents?since=1e400", "since"),
            ("/v1/events?until=tomorrow", "until"),
            ("/v1/events?region=ZZ", "region"),
        ]
        try await harness.test { client in
            for (uri, field) in cases {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(try response.json()["field"] as? String == field, "\(uri)")
            }
            let long = try await client.get("/v1/incidents?x=" + String(repeating: "a", count: 5_000))
            #expect(long.status == .uriTooLong)
            #expect(try long.json()["field"] as? String == "query")
            #expect(try await client.get("/v1/incidents?unknown=1").status == .ok, "unknown parameters are ignored")
        }
    }

    // MARK: Paging

    static func harnessWithIncidents(_ count: Int) throws -> ServerHarness {
        try ServerHarness { path in
            let database = try OutcryDatabase.file(
                path, services: [.fixture(), .fixture("instagram", name: "Instagram")])
            defer { database.close() }
            // Shared onsets every third incident, so ties are broken by id across pages.
            let regions = ["global", "US", "DE"]
            var incidents: [Incident] = []
            for index in 0..<count {
                let service = index % 2 == 0 ? "whatsapp" : "instagram"
                let detectedAt = Instants.startOfMarch.adding(minutes: Int64(index / 3) * 30)
                incidents.append(Incident.fixture(service: service, region: regions[index % 3], detectedAt: detectedAt))
            }
            try database.saveIncidents(incidents)
        }
    }

    @Test func incidentsArePagedWithOpaqueCursors() async throws {
        let harness = try Self.harnessWithIncidents(25)
        try await harness.test { client in
            let all = try await client.get("/v1/incidents?limit=500")
            let everything = try #require(try all.json()["incidents"] as? [[String: Any]]).compactMap {
                $0["id"] as? String
            }
            #expect(everything.count == 25)
            #expect(try all.json()["next_cursor"] is NSNull)

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/v1/incidents?limit=10" + (cursor.map { "&cursor=\($0)" } ?? "")
                let json = try await client.get(uri).json()
                #expect(json["limit"] as? Int == 10)
                let page = try #require(json["incidents"] as? [[String: Any]])
                #expect(page.count <= 10)
                seen += page.compactMap { $0["id"] as? String }
                cursor = json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == everything, "pages in order, each incident once")

            let filtered = try await client.get("/v1/incidents?service=whatsapp&limit=5").json()
            #expect(
                (filtered["incidents"] as? [[String: Any]])?.allSatisfy { $0["service"] as? String == "whatsapp" }
                    == true)
            #expect(filtered["next_cursor"] is String)

            let defaultPage = try await client.get("/v1/incidents").json()
            #expect(defaultPage["limit"] as? Int == IncidentListQuery.defaultLimit)
        }
    }

    // MARK: Feed links

    /// On a real socket, so the Host header is whatever the client writes.
    @Test func aForgedHostNeverBecomesAFeedLink() async throws {
        let harness = try ServerHarness()
        try await harness.application.test(.live) { client in
            let connection = try await RawConnection.open(port: try #require(client.port))
            defer { connection.close() }
            let feed = try await connection.request("/v1/incidents.atom", host: "evil.example:666")
            #expect(feed.hasPrefix("HTTP/1.1 200"))
            #expect(!feed.contains("evil.example"))
            #expect(feed.contains("href=\"/v1/incidents.atom\""))
            #expect(feed.contains("href=\"/\""))
        }
        let configured = try ServerHarness(configure: { $0.publicURL = "https://outcry.example.org" })
        try await configured.application.test(.live) { client in
            let connection = try await RawConnection.open(port: try #require(client.port))
            defer { connection.close() }
            let feed = try await connection.request("/v1/incidents.atom", host: "evil.example")
            #expect(!feed.contains("evil.example"))
            #expect(feed.contains("href=\"https://outcry.example.org/v1/incidents.atom\""))
        }
    }

    // MARK: HTML pages

    @Test func everyHTMLPageForbidsFramingAndSniffing() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            for uri in ["/", "/services/whatsapp", "/services/nosuch"] {
                let page = try await client.get(uri)
                let policy = try #require(page.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(policy.contains("default-src 'none'") && policy.contains("style-src 'unsafe-inline'"))
                #expect(policy.contains("form-action 'self'"))
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                // The pages stay self-contained: nothing the policy would block.
                #expect(!page.text.contains("<script") && !page.text.contains("src=\"http"))
            }
        }
    }

    static func postForm(_ client: any TestClientProtocol, headers: HTTPFields) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        fields[HTTPField.Name("X-Forwarded-For")!] = "192.0.2.77"
        return try await client.execute(
            uri: "/services/whatsapp/report", method: .post, headers: fields,
            body: ByteBuffer(string: "region=US&problem=login"))
    }

    /// Router tests reach the daemon as `localhost` (the test framework's authority).
    @Test func crossSiteFormPostsAreRefused() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let foreign = try await Self.postForm(client, headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.text.contains("only from this site"))
            #expect(foreign.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let crossSite = try await Self.postForm(
                client, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let sameSite = try await Self.postForm(
                client, headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-site"])
            #expect(sameSite.status == .forbidden)
            let opaque = try await Self.postForm(client, headers: [.origin: "null"])
            #expect(opaque.status == .forbidden)
            let foreignReferer = try await Self.postForm(
                client, headers: [.referer: "https://evil.example/page"])
            #expect(foreignReferer.status == .forbidden)

            let own = try await Self.postForm(
                client,
                headers: [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(own.status == .found)
            let ownReferer = try await Self.postForm(
                client, headers: [.referer: "http://localhost/services/whatsapp"])
            #expect(ownReferer.status == .found)
        }
        #expect(try harness.storedTotals().stored == 2, "only the two same-origin posts were stored")
    }

    @Test func withAPublicURLTheFormMustComeFromIt() async throws {
        let harness = try ServerHarness(configure: { $0.publicURL = "https://outcry.example.org" })
        try await harness.test { client in
            let own = try await Self.postForm(client, headers: [.origin: "https://outcry.example.org"])
            #expect(own.status == .found)
            let viaHost = try await Self.postForm(client, headers: [.origin: "http://localhost"])
            #expect(viaHost.status == .forbidden)
        }
    }

    // MARK: Official status page on public pages

    @Test func publicPagesShowOnlyTheStatusPageHostAndNoErrorText() async throws {
        let slug = ServiceSlug(rawValue: "whatsapp")!
        let harness = try ServerHarness { path in
            let database = try OutcryDatabase.file(path, services: [.fixture()])
            defer { database.close() }
            _ = try database.saveOfficialSource(
                OfficialSource(
                    service: slug,
                    location: "https://ops:hunter2@status.example.com:8443/api/v2/summary.json?key=SECRETKEY",
                    addedAt: Instants.startOfMarch))
            try database.recordOfficialFailure(
                service: slug, error: "connection to 10.9.8.7:8443 refused: <b>ECONNREFUSED</b>",
                at: Instants.outageAfternoon,
                nextAttemptAt: Instants.outageAfternoon.adding(minutes: 5))
        }
        try await harness.test { client in
            let page = try await client.get("/services/whatsapp").text
            #expect(page.contains("https://status.example.com:8443"))
            #expect(page.contains("the status page could not be read"))
            for secret in ["hunter2", "ops:", "SECRETKEY", "summary.json", "10.9.8.7", "ECONNREFUSED"] {
                #expect(!page.contains(secret), "\(secret)")
            }
        }
    }
}
