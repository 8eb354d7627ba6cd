import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// The server-rendered dashboard: unofficial label, charts, and the no-JavaScript report form.
@Suite(.timeLimit(.minutes(10)))
struct DashboardTests {
    @Test func overviewListsServicesMostTroubledFirstWithSparklines() async throws {
        try await ReadingAPITests.withDetectedOutage { client in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = response.text
            #expect(html.contains("Unofficial"))
            #expect(html.contains("<svg"))
            #expect(html.contains("likely outage"))
            #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
            // The troubled Meta apps come before the quiet service.
            let quiet = try #require(html.range(of: "/services/\(OutageFixture.quietSlug)\""))
            let whatsapp = try #require(html.range(of: "/services/whatsapp\""))
            #expect(whatsapp.lowerBound < quiet.lowerBound)
        }
    }

    @Test func servicePageShowsChartIncidentsProblemsRegionsAndTheForm() async throws {
        try await ReadingAPITests.withDetectedOutage { client in
            let response = try await client.get("/services/whatsapp")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("Unofficial"))
            #expect(html.contains("not confirmations"))
            #expect(html.contains("baseline"))
            #expect(html.contains("Unofficial:"), "the incident's summary sentence")
            #expect(html.contains("Most reported problems"))
            #expect(html.contains("Regions"))
            #expect(html.contains(#"<form class="report" method="post" action="/services/whatsapp/report">"#))
            #expect(!html.contains("<script"))
            // The export's chart, drawn by the one chart stack: the band, the shaded incident, the legend inside.
            #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart""#))
            #expect(html.contains("usual level and range (baseline)") && html.contains("incident, onset to recovery"))
        }
    }

    @Test func reportFormStoresThroughTheSameValidationAndRedirects() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let posted = try await client.execute(
                uri: "/services/whatsapp/report", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Forwarded-For")!: "192.0.2.9",
                ],
                body: ByteBuffer(string: "region=US&problem=login&comment=cannot+log+in%21"))
            #expect(posted.status == .found)
            #expect(posted.headers[.location] == "/services/whatsapp?reported=1")
            let thanks = try await client.get("/services/whatsapp?reported=1")
            #expect(thanks.text.contains("Thank you"))

            let refused = try await client.execute(
                uri: "/services/whatsapp/report", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "region=XX&problem=login"))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("not recorded"))
            #expect(refused.text.contains("ISO 3166"))
        }
        #expect(try harness.storedTotals().stored == 1)
    }

    @Test func unknownServicePageIs404() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let unknown = try await client.get("/services/nosuch")
            let invalid = try await client.get("/services/Not%20A%20Slug")
            #expect(unknown.status == .notFound)
            #expect(invalid.status == .notFound)
        }
    }
}
