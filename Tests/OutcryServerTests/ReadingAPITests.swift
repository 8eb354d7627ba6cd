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

/// The reading API on the fixture's Meta outage, after one catch-up tick to the fixture's end.
@Suite(.timeLimit(.minutes(10)))
struct ReadingAPITests {
    /// Runs `body` with a daemon whose detector has caught up to the end of the outage fixture.
    static func withDetectedOutage(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void)
        async throws
    {
        let log = DetectionSchedulerTests.TickLog()
        let harness = try DetectionSchedulerTests.fixtureHarness(
            log: log, now: OutageFixture.outageStart.adding(minutes: 40))
        try await harness.test { client in
            harness.ticks.tick(OutageFixture.outageStart.adding(minutes: 40))
            await log.wait(for: 1)
            try await body(client)
        }
    }

    @Test func readingEndpoints() async throws {
        try await Self.withDetectedOutage { client in
            // Services, most troubled first, each with its current level.
            let list = try await client.get("/v1/services")
            #expect(list.status == .ok)
            let listJSON = try list.json()
            #expect(listJSON["label"] as? String == "unofficial")
            let services = try #require(listJSON["services"] as? [[String: Any]])
            #expect(services.count == OutageFixture.services.count)
            #expect(services.first?["level"] as? String == "likely")
            #expect(
                services.contains {
                    $0["slug"] as? String == OutageFixture.quietSlug && $0["level"] as? String == "normal"
                })

            // One service: level, baseline, 96 buckets with baselines, incidents, problems, regions.
            let detail = try await client.get("/v1/services/whatsapp")
            #expect(detail.status == .ok)
            let detailJSON = try detail.json()
            #expect(detailJSON["level"] as? String == "likely")
            let buckets = try #require(detailJSON["buckets"] as? [[String: Any]])
            #expect(buckets.count == 96)
            #expect(buckets.contains { $0["baseline"] is Double })
            let open = try #require(detailJSON["open_incidents"] as? [[String: Any]])
            #expect(!open.isEmpty && open.allSatisfy { $0["label"] as? String == "unofficial" })
            #expect(!(try #require(detailJSON["top_problems"] as? [Any])).isEmpty)
            #expect(!(try #require(detailJSON["regions"] as? [Any])).isEmpty)

            // Series.
            let series = try await client.get(
                "/v1/services/whatsapp/series?region=US&from=2024-03-05T12:00:00Z&to=2024-03-05T16:00:00Z&bucket=60m")
            #expect(series.status == .ok)
            let seriesJSON = try series.json()
            #expect((seriesJSON["buckets"] as? [Any])?.count == 4)
            #expect(seriesJSON["bucket"] as? String == "60m")

            // Incidents: the export document; active and service filters; one by id (ids hold slashes).
            let incidents = try await client.get(
                "/v1/incidents?active=true&service=whatsapp&since=2024-03-05T00:00:00Z")
            #expect(incidents.status == .ok)
            let incidentsJSON = try incidents.json()
            #expect(incidentsJSON["label"] as? String == "unofficial")
            #expect(incidentsJSON["disclaimer"] is String)
            let items = try #require(incidentsJSON["incidents"] as? [[String: Any]])
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["service"] as? String == "whatsapp" && $0["status"] as? String == "open" })
            let id = try #require(items.first?["id"] as? String)
            #expect(id.contains("/"))
            let one = try await client.get("/v1/incidents/\(id)")
            #expect(one.status == .ok)
            #expect(try one.json()["id"] as? String == id)
            let encoded = id.replacingOccurrences(of: "/", with: "%2F")
            #expect(try await client.get("/v1/incidents/\(encoded)").status == .ok)

            // Group events.
            let events = try await client.get("/v1/events")
            #expect(events.status == .ok)
            let groupEvents = try #require(try events.json()["group_events"] as? [[String: Any]])
            #expect(groupEvents.contains { $0["group"] as? String == "meta" && $0["label"] as? String == "unofficial" })
        }
    }

    @Test func readingErrors() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let unknown = try await client.get("/v1/services/nosuch")
            #expect(unknown.status == .notFound)
            #expect(try unknown.json()["field"] as? String == "slug")
            #expect(try await client.get("/v1/services/nosuch/series").status == .notFound)
            let badBucket = try await client.get("/v1/services/whatsapp/series?bucket=7m")
            #expect(badBucket.status == .badRequest)
            #expect(try badBucket.json()["field"] as? String == "bucket")
            let badRegion = try await client.get("/v1/services/whatsapp/series?region=XX")
            #expect(try badRegion.json()["field"] as? String == "region")
            let badTime = try await client.get("/v1/incidents?since=yesterday")
            #expect(badTime.status == .badRequest)
            #expect(try badTime.json()["field"] as? String == "since")
            let badBool = try await client.get("/v1/incidents?active=maybe")
            #expect(try badBool.json()["field"] as? String == "active")
            let noIncident = try await client.get("/v1/incidents/whatsapp/US/19990101T0000")
            #expect(noIncident.status == .notFound)
            #expect(try noIncident.json()["error"] is String)
        }
    }

    @Test func servicesBeforeAnyTickAreNormal() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let json = try await client.get("/v1/services").json()
            let services = try #require(json["services"] as? [[String: Any]])
            #expect(services.count == 2)
            #expect(services.allSatisfy { $0["level"] as? String == "normal" })
        }
    }
}
