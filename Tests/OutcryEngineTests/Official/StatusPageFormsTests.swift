import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Status pages as users paste them (issue 14): every Statuspage URL form means the page root, feeds are
/// recognised, and each format is read from a loopback page.
@Suite(.timeLimit(.minutes(10))) struct StatusPageFormsTests {
    static let apiForms = [
        "", "/", "/api/v2", "/api/v2/", "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/incidents.json",
        "/api/v2/scheduled-maintenances.json", "/api/v2/components.json", "/api/v2/incidents/unresolved.json",
        "/API/V2/Summary.JSON", "/api/v2/scheduled-maintenances/upcoming.json",
    ]

    /// Property: for any scheme, host, port and path prefix, every form of a Statuspage URL reads the page
    /// root's summary.json and incidents.json; a query is kept for both.
    @Test func everyPastedFormOfAStatuspageMeansItsRoot() throws {
        var random = SplitMix64(seed: 14)
        let hosts = ["status.example.com", "www.githubstatus.com", "127.0.0.1", "a-b.c.example.org"]
        let prefixes = ["", "/status", "/a/b-c", "/Page"]
        for _ in 0..<300 {
            let scheme = random.next() % 2 == 0 ? "https" : "http"
            let host = hosts[Int(random.next() % UInt64(hosts.count))]
            let port = random.next() % 3 == 0 ? ":\(8000 + random.next() % 1000)" : ""
            let prefix = prefixes[Int(random.next() % UInt64(prefixes.count))]
            let form = Self.apiForms[Int(random.next() % UInt64(Self.apiForms.count))]
            let query = form.hasSuffix(".json") && random.next() % 4 == 0 ? "?api_key=K1" : ""
            let padding = random.next() % 5 == 0 ? "  " : ""
            let root = "\(scheme)://\(host)\(port)\(prefix)"
            let pasted = padding + root + form + query + padding
            let parsed = try OfficialLocation.parse(pasted).get()
            #expect(
                parsed.documentURLs == [
                    "\(root)/api/v2/summary.json\(query)", "\(root)/api/v2/incidents.json\(query)",
                ],
                "\(pasted)")
        }
    }

    @Test(arguments: [
        "https://status.example.com/history.atom", "https://status.example.com/history.rss",
        "https://example.com/status/feed.xml", "https://slack-status.com/feed/atom", "https://example.com/status/rss/",
        "https://example.com/feed", "feed:https://example.com/anything?format=x", "FEED: https://example.com/x.json",
    ])
    func feedURLsAreRecognised(location: String) throws {
        guard case .feed(let url) = try OfficialLocation.parse(location).get() else {
            Issue.record("\(location) is not read as a feed")
            return
        }
        #expect(try OfficialLocation.parse(location).get().documentURLs == [url])
    }

    @Test(arguments: ["feed:", "ftp://x/feed", "https://", "https://status.example.com/?page=2"])
    func unusableLocationsAreRefused(location: String) {
        #expect(throws: EngineError.self) { try OfficialLocation.parse(location).get() }
    }

    // MARK: - Scheduled maintenances

    static let summaryWithMaintenances = """
        {"page": {"id": "p", "name": "WhatsApp Status", "url": "https://status.whatsapp.example"},
         "components": [], "incidents": [],
         "scheduled_maintenances": [
           {"id": "m1", "name": "Database upgrade", "status": "scheduled",
            "scheduled_for": "2024-03-05T15:00:00Z", "scheduled_until": "2024-03-05T17:00:00Z"},
           {"id": "m2", "name": "Network work", "status": "in_progress",
            "scheduled_for": "2024-03-05T13:00:00Z", "scheduled_until": "2024-03-05T14:00:00Z",
            "components": [{"id": "c1", "name": "API"}]},
           {"id": "m1", "name": "Duplicate of m1", "status": "scheduled",
            "scheduled_for": "2024-03-05T15:00:00Z", "scheduled_until": "2024-03-05T17:00:00Z"},
           {"id": "bad-time", "name": "Far", "scheduled_for": "2150-01-01T00:00:00Z",
            "scheduled_until": "2150-01-02T00:00:00Z"},
           {"id": "backwards", "name": "Ends first", "scheduled_for": "2024-03-05T18:00:00Z",
            "scheduled_until": "2024-03-05T17:00:00Z"},
           {"id": "no-until", "name": "Open-ended", "scheduled_for": "2024-03-05T18:00:00Z"},
           {"id": 7, "name": "Wrong type", "scheduled_for": "2024-03-05T18:00:00Z", "scheduled_until": "2024-03-05T19:00:00Z"}
         ]}
        """

    private static func windows(_ world: OfficialWorld) throws -> [QuietWindow] {
        try world.engine.quietWindows(service: world.whatsapp)
    }

    @Test func scheduledMaintenancesBecomeAttributedQuietWindowsWithoutDuplicates() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage(summary: .json(Self.summaryWithMaintenances))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            // Pasted as the summary URL.
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/api/v2/summary.json"))
            let first = try #require(try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(first.isSuccess)
            #expect(first.quietWindows == QuietWindowSyncRecord(added: 2))
            #expect(first.skippedCount == 3, "\(first.skipped)")
            #expect(first.skipped.contains { $0.contains("scheduled_maintenances[3].scheduled_for is out of range") })
            #expect(first.skipped.contains { $0.contains("missing field scheduled_maintenances[5].scheduled_until") })
            #expect(first.skipped.contains { $0.contains("scheduled_maintenances[6].id has the wrong type") })
            let stored = try Self.windows(world)
            #expect(stored.map(\.source) == [.official("m2"), .official("m1")])
            #expect(
                stored.map(\.reason) == [
                    "Network work (from WhatsApp Status)", "Database upgrade (from WhatsApp Status)",
                ])
            #expect(stored.last?.startsAt == Timestamp(iso8601: "2024-03-05T15:00:00Z"))
            #expect(stored.last?.endsAt == Timestamp(iso8601: "2024-03-05T17:00:00Z"))

            // The same page again: nothing added, nothing duplicated.
            world.clock.advance(minutes: 3)
            let again = try #require(try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(again.quietWindows == QuietWindowSyncRecord())
            #expect(try Self.windows(world).count == 2)

            // The page moves m1 and drops m2 (already begun: kept); an operator window is never touched.
            _ = try world.engine.addQuietWindow(
                service: world.whatsapp, from: StatuspageFixtures.crowdOnset, to: StatuspageFixtures.resolvedAt,
                reason: "launch")
            let moved = """
                {"page": {"name": "WhatsApp Status"}, "incidents": [], "scheduled_maintenances": [
                  {"id": "m1", "name": "Database upgrade", "scheduled_for": "2024-03-05T15:00:00Z",
                   "scheduled_until": "2024-03-05T18:30:00Z"},
                  {"id": "new", "name": "Cache flush", "scheduled_for": "2024-03-05T19:00:00Z",
                   "scheduled_until": "2024-03-05T19:30:00Z"}]}
                """
            page.serve(summary: .json(moved), incidents: .json(StatuspageFixtures.incidentsJSON))
            world.clock.advance(minutes: 3)
            let third = try #require(try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(third.quietWindows == QuietWindowSyncRecord(added: 1, updated: 1, removed: 0))
            let sources = try Self.windows(world).map(\.source.rawValue).sorted()
            #expect(sources == ["official:m1", "official:m2", "official:new", "operator"])
            #expect(
                try Self.windows(world).first { $0.source == .official("m1") }?.endsAt
                    == Timestamp(iso8601: "2024-03-05T18:30:00Z"))
        }
    }

    @Test func aMaintenanceCancelledBeforeItBeganIsRemoved() async throws {
        let world = try OfficialWorld()
        let future = """
            {"incidents": [], "scheduled_maintenances": [
              {"id": "later", "name": "Tomorrow", "scheduled_for": "2030-01-01T00:00:00Z", "scheduled_until": "2030-01-01T02:00:00Z"}]}
            """
        let page = StatuspageFakePage(summary: .json(future))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            _ = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(try Self.windows(world).map(\.source) == [.official("later")])
            page.serve(
                summary: .json(#"{"incidents": [], "scheduled_maintenances": []}"#),
                incidents: .json(StatuspageFixtures.incidentsJSON))
            world.clock.advance(minutes: 3)
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.quietWindows == QuietWindowSyncRecord(removed: 1))
            #expect(try Self.windows(world).isEmpty)
        }
    }

    @Test func maintenancesOfOtherComponentsDoNotQuietAComponentLink() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage(summary: .json(Self.summaryWithMaintenances))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL, component: "Web")
            _ = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            // m2 names only the API component; m1 names none (the whole page).
            #expect(try Self.windows(world).map(\.source) == [.official("m1")])
        }
    }

    @Test func hostileMaintenanceTextIsBounded() async throws {
        let world = try OfficialWorld()
        let name = String(repeating: "\\u001b[31mé", count: 5000)  // JSON's escape for ESC
        let summary = """
            {"page": {"name": "\(String(repeating: "P", count: 1000))"}, "incidents": [], "scheduled_maintenances": [
              {"id": "\(String(repeating: "i", count: 5000))", "name": "\(name)",
               "scheduled_for": "2024-03-05T15:00:00Z", "scheduled_until": "2024-03-05T17:00:00Z"}]}
            """
        let page = StatuspageFakePage(summary: .json(summary))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.isSuccess)
            let window = try #require(try Self.windows(world).first)
            #expect(window.reason.utf8.count <= QuietWindow.maximumReasonBytes)
            #expect(window.reason.hasSuffix("…)") && !window.reason.unicodeScalars.contains { $0.value == 0x1B })
            #expect(window.source.rawValue.utf8.count <= 140)
        }
    }

    // MARK: - Feeds

    static let atomFeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>WhatsApp Status</title>
          <entry>
            <id>tag:status,2005:Incident/1</id>
            <published>2024-03-05T15:27:00Z</published><updated>2024-03-05T16:40:00Z</updated>
            <link rel="alternate" href="https://status.whatsapp.example/incidents/1"/>
            <title>Messaging delays</title>
            <content type="html">&lt;strong&gt;Resolved&lt;/strong&gt; - fixed</content>
          </entry>
        </feed>
        """

    @Test func anAtomFeedIsReadAndMatched() async throws {
        let world = try OfficialWorld()
        let handler: LoopbackHTTPServer.Handler = { request in
            request.path == "/history.atom"
                ? .init(status: 200, headers: ["Content-Type": "application/atom+xml"], body: Array(Self.atomFeed.utf8))
                : .init(status: 404)
        }
        try await LoopbackHTTPServer.run(handler: handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/history.atom"))
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.outcome == .stored(.init(incidents: 1, newIncidents: 1, components: 0, componentChanges: 0)))
            #expect(server.received.map(\.path) == ["/history.atom"])
            #expect(server.received.first?.headers["accept"]?.contains("application/atom+xml") == true)
        }
        let stored = try #require(try world.storedOfficialIncidents().first)
        #expect(stored.name == "Messaging delays" && stored.status == "resolved")
        #expect(stored.resolvedAt == Timestamp(iso8601: "2024-03-05T16:40:00Z"))
        // The crowd incident overlapping it is acknowledged by the feed's entry.
        let acknowledged = try world.engine.withOfficial([StatuspageFixtures.crowdIncident()])
        #expect(acknowledged.first?.official?.incidentID == "tag:status,2005:Incident/1")
    }

    @Test func aFeedGivenWithTheFeedPrefixIsReadWhateverItsPath() async throws {
        let world = try OfficialWorld()
        let rss = """
            <rss version="2.0"><channel><title>S</title><item><title>API errors</title><guid>r1</guid>
            <pubDate>Tue, 05 Mar 2024 15:20:00 GMT</pubDate><description>Investigating</description></item></channel></rss>
            """
        try await LoopbackHTTPServer.run(handler: { _ in
            .init(status: 200, headers: ["Content-Type": "text/xml"], body: Array(rss.utf8))
        }) { server in
            try world.engine.addOfficialSource(
                service: world.whatsapp, location: "feed:" + server.url("/status?format=x"))
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.isSuccess)
        }
        #expect(try world.storedOfficialIncidents().map(\.status) == ["investigating"])
    }

    /// Hostile feeds: a clear failure (what was stored stays), never a crash.
    static let hostileFeeds: [(String, String, String)] = [
        ("truncated", "<?xml version=\"1.0\"?><feed><entry><title>x", "the document ends inside"),
        ("wrong root", "<?xml version=\"1.0\"?><html><body/></html>", "the top element is <html>"),
        ("deep", "<?xml version=\"1.0\"?><feed>" + String(repeating: "<x>", count: 200), "nested deeper than 64"),
    ]

    @Test(arguments: 0..<hostileFeeds.count)
    func aHostileFeedIsAFailureThatKeepsWhatWasStored(index: Int) async throws {
        let (name, body, expected) = Self.hostileFeeds[index]
        let world = try OfficialWorld()
        let reply = LoopbackHTTPServer.Reply(
            status: 200, headers: ["Content-Type": "application/atom+xml"], body: Array(Self.atomFeed.utf8))
        let current = ReplyBox(reply)
        try await LoopbackHTTPServer.run(handler: { _ in current.value }) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/feed"))
            _ = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            current.value = .init(
                status: 200, headers: ["Content-Type": "application/atom+xml"], body: Array(body.utf8))
            world.clock.advance(minutes: 3)
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            guard case .failed(let reason, _) = result.outcome else {
                Issue.record("\(name) was accepted")
                return
            }
            #expect(reason.contains("not an Atom or RSS feed") && reason.contains(expected), "\(name): \(reason)")
        }
        #expect(try world.storedOfficialIncidents().count == 1)
    }

    @Test func anOversizedFeedIsRefused() async throws {
        let world = try OfficialWorld()
        let huge = "<feed>" + String(repeating: "<entry><title>x</title></entry>", count: 100_000) + "</feed>"
        try await LoopbackHTTPServer.run(handler: { _ in
            .init(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(huge.utf8))
        }) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/feed.rss"))
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher(maximumBytes: 1 << 20)).first)
            guard case .failed(let reason, _) = result.outcome else {
                Issue.record("accepted")
                return
            }
            #expect(reason.contains("larger than 1 MB"), "\(reason)")
        }
    }
}

/// A reply a test changes between reads.
final class ReplyBox: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: LoopbackHTTPServer.Reply

    init(_ reply: LoopbackHTTPServer.Reply) { stored = reply }

    var value: LoopbackHTTPServer.Reply {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
