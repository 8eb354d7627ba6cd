import Foundation
import Hummingbird
import HummingbirdTesting
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

/// The daemon's poller against hostile status pages: a page with an out-of-range time used to kill the daemon
/// at every start; now its bad incident is skipped and reported, the rest stored, and ingestion goes on.
@Suite(.timeLimit(.minutes(10)))
struct HostileStatusPageTests {
    static let whatsapp = ServiceSlug(rawValue: "whatsapp")!
    static let now = StatuspageFixtures.crowdOnset.adding(minutes: 60)

    /// A daemon whose WhatsApp is linked to `location`.
    static func harness(location: String, configure: (inout ServerSettings) -> Void = { _ in }) throws -> ServerHarness
    {
        try ServerHarness(
            now: now,
            prepare: { path in
                try OutcryDatabase.file(path, services: [.fixture(), .fixture("instagram", name: "Instagram")]).close()
                let engine = try Engine(path: path, clock: FixedTimeSource(now), logger: ServerHarness.quietLogger)
                defer { engine.close() }
                try engine.addOfficialSource(service: whatsapp, location: location)
            },
            configure: configure)
    }

    @Test func theHostilePageNeverStopsTheDaemon() async throws {
        let page = StatuspageFakePage(incidents: .json(StatuspageFixtures.hostileIncidentsJSON))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            let harness = try Self.harness(location: server.baseURL)
            let poller = try #require(harness.runtime.officialPoller)
            try await harness.test { client in
                // Read at start, then again when due: the same page each time, never a crash.
                for _ in 0..<2 {
                    let polls = try await poller.poll()
                    #expect(polls.count == 1 && polls.allSatisfy { $0.isSuccess })
                    #expect(
                        polls.first?.skipped == [
                            server.url("/api/v2/incidents.json: ") + StatuspageFixtures.hostileProblemReason
                        ])
                    harness.clock.advance(seconds: 121)
                }
                let stored = try await harness.runtime.reader.perform { engine in
                    try engine.officialIncidents(of: Self.whatsapp)
                }
                #expect(stored.count == 3 && !stored.contains { $0.id == "h0st1le" })
                #expect(try await client.postReports(reportJSON(at: nil)).status == .accepted)
                #expect(try await client.get("/healthz").status == .ok)
            }
        }
    }

    @Test func redirectsToPrivateAddressesFollowTheSetting() async throws {
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { real in
            try await LoopbackHTTPServer.run(handler: { request in .redirect(to: real.baseURL + request.path) }) {
                page in
                let strict = try Self.harness(location: page.baseURL)
                let refused = try await strict.test { _ in try await #require(strict.runtime.officialPoller).poll() }
                guard case .failed(let reason, _) = refused.first?.outcome else {
                    Issue.record("the redirect to loopback was followed: \(refused)")
                    return
                }
                #expect(reason.contains("a loopback address (127.0.0.0/8)"), "\(reason)")

                let open = try Self.harness(location: page.baseURL) { $0.allowsPrivateAddresses = true }
                let followed = try await open.test { _ in try await #require(open.runtime.officialPoller).poll() }
                #expect(followed.allSatisfy { $0.isSuccess }, "\(followed)")
            }
        }
    }
}
