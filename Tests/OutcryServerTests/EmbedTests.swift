import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

/// `GET /embed/{slug}` and `POST /embed/{slug}/report`: the report button for the operator's own sites.
/// Router tests reach the daemon as `localhost`, so its own origin is `http://localhost`.
@Suite(.timeLimit(.minutes(10)))
struct EmbedTests {
    static let partner = "https://status.example.org"

    /// A harness whose WhatsApp accepts three problem kinds, with `--embed-origins` set to `origins`.
    static func harness(origins: String? = partner, configure: @escaping (inout ServerSettings) -> Void = { _ in })
        throws
        -> ServerHarness
    {
        let parsed = try origins.map { try EmbedOrigins(parsing: $0) }
        return try ServerHarness(
            prepare: { path in
                try OutcryDatabase.file(
                    path,
                    services: [
                        .fixture(name: "WhatsApp", problems: [.login, .messaging, .connection]),
                        .fixture("instagram", name: "Instagram"),
                    ]
                ).close()
            },
            configure: { settings in
                if let parsed { settings.embedOrigins = parsed }
                configure(&settings)
            })
    }

    /// Posts the embed form from `client` with `headers` (Origin, Referer, Sec-Fetch-Site…).
    static func post(
        _ client: any TestClientProtocol, slug: String = "whatsapp", body: String = "problem=login&region=US",
        from network: String = "192.0.2.50", headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        fields[HTTPField.Name("X-Forwarded-For")!] = network
        return try await client.execute(
            uri: "/embed/\(slug)/report", method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    @Test func embedPageIsSelfContainedAndListsTheServicesProblemKinds() async throws {
        let harness = try Self.harness()
        try await harness.test { client in
            let response = try await client.get("/embed/whatsapp")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(!html.lowercased().contains("<script") && !html.contains("http://") && !html.contains("https://"))
            #expect(
                !html.contains("<img") && !html.contains("<link") && !html.contains("@import") && !html.contains("url(")
            )
            #expect(html.contains(#"<form method="post" action="/embed/whatsapp/report">"#))
            for problem in ["login", "messaging", "connection"] {
                #expect(
                    html.contains(#"<input type="radio" name="problem" value="\#(problem)" required>"#), "\(problem)")
            }
            #expect(!html.contains(#"value="payments""#), "only the kinds the service accepts")
            #expect(html.contains("Problems with WhatsApp?"))
            #expect(html.contains("no problems reported") && html.contains("unofficial"))
            #expect(html.contains(#"<input name="region" required"#))

            // A service without a list offers every kind.
            let instagram = try await client.get("/embed/instagram").text
            for problem in ProblemKind.allCases { #expect(instagram.contains(#"value="\#(problem.rawValue)""#)) }
        }
    }

    @Test func frameAncestorsComeFromEmbedOriginsAndTheDashboardStaysUnframable() async throws {
        let harness = try Self.harness(
            origins: "https://Status.Example.org/, http://127.0.0.1:8001,https://example.org:443")
        try await harness.test { client in
            let response = try await client.get("/embed/whatsapp")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(
                policy.contains(
                    "frame-ancestors 'self' https://status.example.org http://127.0.0.1:8001 https://example.org;"))
            #expect(policy.contains("default-src 'none'") && policy.contains("form-action 'self'"))
            #expect(!policy.contains("script-src"))
            #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == nil)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")

            let dashboard = try await client.get("/services/whatsapp")
            #expect(dashboard.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
        let withoutList = try Self.harness(origins: nil)
        try await withoutList.test { client in
            let policy = try #require(try await client.get("/embed/whatsapp").headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'self';"), "framable only by the daemon's own pages")
        }
    }

    @Test func postsFromTheDaemonAndListedSitesAreCountedLikeAnonymousReports() async throws {
        let harness = try Self.harness()
        try await harness.test { client in
            // From inside the iframe: the embed page is the daemon's own page.
            let framed = try await Self.post(
                client, headers: [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(framed.status == .seeOther)
            #expect(framed.headers[.location] == "/embed/whatsapp?reported=1")
            // From the listed site's own page, and from an old browser that sends only a Referer.
            let partner = try await Self.post(
                client, from: "192.0.2.51",
                headers: [.origin: Self.partner, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(partner.status == .seeOther)
            let referer = try await Self.post(client, from: "192.0.2.52", headers: [.referer: Self.partner + "/status"])
            #expect(referer.status == .seeOther)
            // The same network again: stored, and counted once, like any anonymous report.
            let repeated = try await Self.post(
                client, body: "problem=messaging&region=US", headers: [.origin: "http://localhost"])
            #expect(repeated.status == .seeOther)
        }
        let totals = try harness.storedTotals()
        #expect(totals.stored == 4)
        #expect(totals.counted == 3, "one network counts once in its window")
    }

    @Test func postsFromOtherOriginsAreRefusedWith403() async throws {
        let harness = try Self.harness()
        try await harness.test { client in
            let refusals: [HTTPFields] = [
                [.origin: "https://evil.example"],
                [.origin: "https://evil.example", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                [.origin: "https://status.example.org.evil.example"],
                [.origin: "http://status.example.org"],
                [.origin: "null"],
                [.referer: "https://evil.example/page"],
                [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
            ]
            for headers in refusals {
                let response = try await Self.post(client, headers: headers)
                #expect(response.status == .forbidden, "\(headers)")
                #expect(response.text.contains("Report refused"))
                #expect(response.text.contains("only on the sites its operator listed"))
            }
        }
        #expect(try harness.storedTotals().stored == 0)

        let withoutList = try Self.harness(origins: nil)
        try await withoutList.test { client in
            let response = try await Self.post(client, headers: [.origin: Self.partner])
            #expect(response.status == .forbidden, "without --embed-origins only the daemon itself may post")
        }
    }

    @Test func theAnonymousRateLimitApplies() async throws {
        let harness = try Self.harness(configure: {
            $0.rateLimitPerSecond = 0.01
            $0.rateLimitBurst = 1
        })
        try await harness.test { client in
            let first = try await Self.post(client, headers: [.origin: Self.partner])
            #expect(first.status == .seeOther)
            let second = try await Self.post(client, headers: [.origin: Self.partner])
            #expect(second.status == .tooManyRequests)
            #expect(second.headers[.retryAfter] != nil)
            #expect(second.text.contains("Your report was not recorded: too many reports from this client"))
            #expect(second.text.contains(#"<form method="post""#), "the form again, to retry later")
            // Another network has its own bucket.
            let other = try await Self.post(client, from: "198.51.100.7", headers: [.origin: Self.partner])
            #expect(other.status == .seeOther)
        }
        #expect(try harness.storedTotals().stored == 2)
    }

    @Test func thankYouAndErrorStates() async throws {
        let harness = try Self.harness()
        try await harness.test { client in
            let thanks = try await client.get("/embed/whatsapp?reported=1")
            #expect(thanks.status == .ok)
            #expect(thanks.text.contains("Thank you") && thanks.text.contains("was recorded"))
            #expect(thanks.text.contains(#"<a href="/embed/whatsapp">Report another problem</a>"#))
            #expect(thanks.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self' \(Self.partner)") == true)

            let prefilled = try await client.get("/embed/whatsapp?region=de")
            #expect(prefilled.text.contains(#"placeholder="US" value="DE">"#))

            for query in ["reported=maybe", "region=XX", "region=global", "region=%3Cb%3E"] {
                let bad = try await client.get("/embed/whatsapp?\(query)")
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.text.contains("address is wrong") && !bad.text.contains("<b>"), "\(query)")
            }

            let badRegion = try await Self.post(
                client, body: "problem=login&region=XX", headers: [.origin: Self.partner])
            #expect(badRegion.status == .badRequest)
            #expect(badRegion.text.contains("Your report was not recorded") && badRegion.text.contains("ISO 3166"))
            let badProblem = try await Self.post(
                client, body: "problem=payments&region=US", headers: [.origin: Self.partner])
            #expect(badProblem.status == .badRequest)
            #expect(badProblem.text.contains("payments"))

            for uri in ["/embed/nosuch", "/embed/Not%20A%20Slug"] {
                let missing = try await client.get(uri)
                #expect(missing.status == .notFound && missing.text.contains("no monitored service"), "\(uri)")
            }
            let missingPost = try await Self.post(client, slug: "nosuch", headers: [.origin: Self.partner])
            #expect(missingPost.status == .notFound)
        }
        #expect(try harness.storedTotals().stored == 0)
    }

    @Test func hostileServiceNamesAreEscapedOnTheEmbedPage() async throws {
        let harness = try ServerHarness(prepare: { path in
            try OutcryDatabase.file(path, services: [.fixture("evil", name: "<script>alert(1)</script>\"><img src=x>")])
                .close()
        })
        try await harness.test { client in
            let html = try await client.get("/embed/evil").text
            #expect(!html.contains("<script") && !html.contains("<img"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;"))
        }
    }
}
