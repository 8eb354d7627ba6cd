import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

/// The daemon end to end with a fake status page and a webhook receiver on loopback: detection opens an
/// incident and the dispatcher delivers `opened`; the poller reads the page, the incident becomes
/// acknowledged and the dispatcher delivers `acknowledged`; the API, the dashboard and the Atom feed show it.
@Suite(.timeLimit(.minutes(10)))
struct OfficialAndNotificationTests {
    static let whatsapp = ServiceSlug(rawValue: "whatsapp")!
    /// Forty minutes into the fixture's outage (15:00–16:15): the incident is open and the page has posted.
    static let now = OutageFixture.outageStart.adding(seconds: 65 * 60)

    /// Several daemons on one store: only the detector leader reads the status pages.
    @Test func onlyTheDetectorLeaderPollsStatusPages() async throws {
        let page = StatuspageFakePage()
        let pageHandler = page.handler
        try await LoopbackHTTPServer.run(handler: { request in await pageHandler(request) }) { server in
            let harness = try ServerHarness(now: Self.now) { path in
                let engine = try Engine(
                    path: path, clock: FixedTimeSource(Self.now), logger: ServerHarness.quietLogger)
                defer { engine.close() }
                _ = try engine.addService(MonitoredService(slug: Self.whatsapp))
                try engine.addOfficialSource(service: Self.whatsapp, location: server.baseURL)
            }
            let runtime = harness.runtime
            let poller = try #require(runtime.officialPoller)
            let detector = runtime.latest.detector
            runtime.latest.update(detector, completedAt: Self.now, role: .follower)
            #expect(try await poller.poll().isEmpty)
            #expect(server.received.isEmpty)
            runtime.latest.update(detector, completedAt: Self.now, role: .leader)
            #expect(try await poller.poll().map(\.service) == [Self.whatsapp])
        }
    }

    @Test func incidentIsNotifiedThenAcknowledgedAndEveryOutputShowsIt() async throws {
        let page = StatuspageFakePage()
        let pageHandler = page.handler
        try await LoopbackHTTPServer.run(handler: { request in
            if request.path.hasPrefix("/api/v2/") { return await pageHandler(request) }
            return LoopbackHTTPServer.Reply(status: 204)
        }) { server in
            let secret = "a-test-secret-of-32-characters!!"
            let harness = try ServerHarness(now: Self.now) { path in
                try OutageFixture.seedAllReports(path: path)
                let engine = try Engine(
                    path: path, clock: FixedTimeSource(Self.now), logger: ServerHarness.quietLogger)
                defer { engine.close() }
                try engine.addOfficialSource(service: Self.whatsapp, location: server.baseURL)
                try engine.addNotificationHook(
                    kind: .webhook, target: server.url("/hook"), filter: NotificationFilter(service: Self.whatsapp),
                    secret: secret)
            }
            let runtime = harness.runtime
            let poller = try #require(runtime.officialPoller)
            try await harness.test { client in
                let tick = try await runtime.scheduler.runTick(at: Self.now)
                #expect(tick.run.changedIncidents.contains { $0.service == Self.whatsapp && $0.status == .open })

                let first = try await runtime.notificationDispatcher.pass()
                #expect(!first.isEmpty)
                #expect(first.allSatisfy { $0.eventKind == .opened && $0.state == .delivered }, "\(first)")

                let polls = try await poller.poll()
                #expect(polls.map(\.service) == [Self.whatsapp])
                #expect(polls.allSatisfy { $0.isSuccess })
                // Polled again at once: nothing is due (the next read waits for the interval).
                #expect(try await poller.poll().isEmpty)

                let second = try await runtime.notificationDispatcher.pass()
                #expect(!second.isEmpty)
                #expect(second.allSatisfy { $0.eventKind == .acknowledged && $0.state == .delivered })
                // Nothing is delivered twice.
                #expect(try await runtime.notificationDispatcher.pass().isEmpty)

                let hooks = server.received.filter { $0.path == "/hook" }
                #expect(hooks.count == first.count + second.count)
                for delivery in hooks {
                    let timestamp = try #require(delivery.headers["x-outcry-timestamp"].flatMap { Int64($0) })
                    let signature = try #require(delivery.headers["x-outcry-signature-256"])
                    #expect(
                        WebhookSignature.isValid(
                            signature, secret: secret, timestamp: Timestamp(seconds: timestamp), body: delivery.bodyText
                        ))
                    let body = try #require(
                        try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                    #expect(body["label"] as? String == "unofficial")
                    #expect(body["service"] as? String == "whatsapp")
                }
                let acknowledgedBody = try #require(
                    hooks.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] })
                #expect(acknowledgedBody["event"] as? String == "acknowledged")
                #expect((acknowledgedBody["official"] as? [String: Any])?["status"] as? String == "acknowledged")

                // The API: every whatsapp incident carries the official word; the global one is acknowledged.
                let list = try await client.get("/v1/incidents?service=whatsapp").json()
                let incidents = try #require(list["incidents"] as? [[String: Any]])
                let global = try #require(incidents.first { $0["region"] as? String == "global" })
                let official = try #require(global["official"] as? [String: Any])
                #expect(official["status"] as? String == "acknowledged")
                #expect(official["title"] as? String == StatuspageFixtures.openIncidentTitle)
                let startedAt = try #require((global["started_at"] as? String).flatMap { Timestamp(iso8601: $0) })
                #expect(
                    official["lead_minutes"] as? Int
                        == Int((StatuspageFixtures.acknowledgedAt.seconds - startedAt.seconds) / 60))
                #expect(global["label"] as? String == "unofficial")
                #expect((global["summary"] as? String)?.hasPrefix("Unofficial:") == true)
                #expect((global["summary"] as? String)?.contains("official status page") == true)

                // Other services have no source: official is null, not "not acknowledged".
                let others = try await client.get("/v1/incidents?service=instagram").json()
                let instagram = try #require((others["incidents"] as? [[String: Any]])?.first)
                #expect(instagram["official"] is NSNull)

                let dashboard = try await client.get("/services/whatsapp")
                #expect(dashboard.text.contains("Official status page: <strong>acknowledged</strong>"))
                // Beside the crowd chart: the page's worst component status and its open incident, attributed.
                #expect(dashboard.text.contains("<h2>Official status page</h2>"))
                #expect(dashboard.text.contains("<strong>partial outage</strong>"))
                #expect(dashboard.text.contains("“\(StatuspageFixtures.openIncidentTitle)”"))

                let feed = try await client.get("/v1/incidents.atom")
                #expect(feed.status == .ok)
                #expect(feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
                #expect(feed.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
                let identity = try await runtime.reader.perform { engine in engine.feedIdentity }
                #expect(feed.text.contains("<id>urn:outcry:\(identity):incidents</id>"))
                #expect(feed.text.contains("likely outage of WhatsApp (all regions) began"))
                #expect(feed.text.contains("Official status page acknowledged the likely outage of WhatsApp"))
            }
        }
    }

    @Test func aStatusPageThatFailsNeverStopsIngestionAndKeepsWhatWasStored() async throws {
        let page = StatuspageFakePage()
        let pageHandler = page.handler
        try await LoopbackHTTPServer.run(handler: pageHandler) { server in
            let harness = try ServerHarness(now: Self.now) { path in
                try OutcryDatabase.file(path, services: [.fixture(), .fixture("instagram", name: "Instagram")]).close()
                let engine = try Engine(path: path, clock: FixedTimeSource(Self.now), logger: ServerHarness.quietLogger)
                defer { engine.close() }
                try engine.addOfficialSource(service: Self.whatsapp, location: server.baseURL)
            }
            let runtime = harness.runtime
            let poller = try #require(runtime.officialPoller)
            try await harness.test { client in
                #expect(try await poller.poll().allSatisfy { $0.isSuccess })
                page.serveBoth(StatuspageFakePage.htmlPage)
                // Due again after the interval: the read fails, is recorded, and backs off.
                harness.clock.advance(seconds: 121)
                let failed = try await poller.poll()
                #expect(failed.count == 1)
                #expect(failed.allSatisfy { !$0.isSuccess })
                // Ingestion goes on.
                let posted = try await client.postReports(reportJSON(at: nil))
                #expect(posted.status == .accepted)
                // What the first read stored is still there.
                let stored = try await runtime.reader.perform { engine in
                    try engine.officialIncidents(of: Self.whatsapp)
                }
                #expect(stored.contains { $0.id == StatuspageFixtures.openIncidentID })
            }
        }
    }
}
