import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Reading status pages served by a real loopback server: what is stored, and what a bad page does (it is
/// recorded as a failure with backoff and never erases what earlier reads stored).
@Suite(.timeLimit(.minutes(10))) struct OfficialSyncTests {
    @Test func syncStoresIncidentsAndComponentStates() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage()
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(results.count == 1)
            #expect(
                results.first?.outcome
                    == .stored(.init(incidents: 3, newIncidents: 3, components: 3, componentChanges: 3)))
            #expect(results.first?.nextAttemptAt == world.clock.now().adding(minutes: 2))
            let paths = server.received.map(\.path).sorted()
            #expect(paths == ["/api/v2/incidents.json", "/api/v2/summary.json"])
            #expect(server.received.allSatisfy { $0.headers["user-agent"] == "outcry" && $0.method == "GET" })
        }
        let stored = try world.storedOfficialIncidents()
        #expect(stored.map(\.id) == [StatuspageFixtures.openIncidentID, "k2j8d0s1a9f3", "z9y8x7w6v5u4"])
        #expect(
            try world.engine.officialComponentStates(of: world.whatsapp).map(\.status) == [
                .partialOutage, .operational, .degradedPerformance,
            ])
        let source = try #require(try world.source())
        #expect(source.lastSuccessAt == world.clock.now() && source.consecutiveFailures == 0 && source.lastError == nil)
    }

    /// A page that breaks after a good read, and what the recorded error must say.
    static let badPages: [(String, LoopbackHTTPServer.Reply, String)] = [
        ("HTTP 500", .init(status: 500, headers: ["Content-Type": "text/plain"], body: Array("oops".utf8)), "HTTP 500"),
        ("HTML page", StatuspageFakePage.htmlPage, "returned HTML (content-type text/html"),
        ("HTML sent as JSON", .json("<html><body>Maintenance</body></html>"), "not JSON (looks like HTML)"),
        ("invalid JSON", .json(#"{"incidents": [{"id": "a",,]}"#), "invalid JSON: expected a key"),
        ("changed shape", .json(#"{"data": {"items": []}}"#), "missing field incidents"),
        ("empty body", .json(""), "empty response"),
        ("not found", .init(status: 404), "HTTP 404"),
    ]

    @Test(arguments: 0..<badPages.count)
    func aBadPageIsAFailureWithBackoffAndKeepsWhatWasStored(index: Int) async throws {
        let (name, reply, expected) = Self.badPages[index]
        let world = try OfficialWorld()
        let page = StatuspageFakePage()
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let first = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(first.first?.isSuccess == true)
            let succeededAt = world.clock.now()

            page.serveBoth(reply)
            world.clock.advance(minutes: 2)
            for (attempt, delayMinutes) in [(1, 4), (2, 8), (3, 16)] as [(Int, Int64)] {
                let results = try await world.engine.syncOfficialSources(
                    fetcher: OfficialWorld.fetcher(), dueOnly: true)
                let result = try #require(results.first, "\(name): due again after its backoff")
                guard case .failed(let reason, let failures) = result.outcome else {
                    Issue.record("\(name): expected a failure, got \(result.outcome)")
                    return
                }
                #expect(reason.contains(expected), "\(name): \(reason)")
                #expect(failures == attempt)
                #expect(result.nextAttemptAt == world.clock.now().adding(minutes: delayMinutes))
                world.clock.advance(minutes: delayMinutes - 1)
                #expect(try world.engine.dueOfficialSources(now: world.clock.now()).isEmpty, "\(name): backing off")
                world.clock.advance(minutes: 1)
            }
            let source = try #require(try world.source())
            #expect(source.consecutiveFailures == 3)
            #expect(source.lastSuccessAt == succeededAt)
            #expect(source.lastError?.contains(expected) == true)
            #expect(world.logs.messages.contains { $0.hasPrefix("official status read failed") }, "failures are logged")
        }
        #expect(try world.storedOfficialIncidents().count == 3, "\(name): what was stored is kept")
        #expect(try world.engine.officialComponentStates(of: world.whatsapp).count == 3)
    }

    @Test func aSlowPageTimesOut() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage()
        page.serve(
            summary: .init(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Array(StatuspageFixtures.summaryJSON.utf8), delay: .seconds(30)),
            incidents: .json(StatuspageFixtures.incidentsJSON)
        )
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let started = ContinuousClock.now
            let results = try await world.engine.syncOfficialSources(
                fetcher: OfficialWorld.fetcher(timeout: .milliseconds(200)))
            // Well under the server's 30 s; the margin is for a machine busy with the whole parallel run.
            #expect(ContinuousClock.now - started < .seconds(25), "the timeout, not the server (30 s), ended the read")
            guard case .failed(let reason, _) = results.first?.outcome else {
                Issue.record("expected a timeout, got \(String(describing: results.first))")
                return
            }
            #expect(reason.contains("timed out") && reason.contains("/api/v2/summary.json"), "\(reason)")
        }
        #expect(try world.storedOfficialIncidents().isEmpty, "a partial read stores nothing")
    }

    @Test func anOversizedDocumentIsRefused() async throws {
        let world = try OfficialWorld()
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/api/v2/incidents.json"))
            let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher(maximumBytes: 1024))
            guard case .failed(let reason, _) = results.first?.outcome else {
                Issue.record("expected a failure")
                return
            }
            #expect(reason.contains("larger than 1024 bytes"), "\(reason)")
        }
    }

    /// A pasted `…/api/v2/incidents.json` means the page (issue 14): summary and incidents are both read.
    @Test func aPastedAPIDocumentReadsTheWholePage() async throws {
        let world = try OfficialWorld()
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/api/v2/incidents.json"))
            let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(
                results.first?.outcome
                    == .stored(.init(incidents: 3, newIncidents: 3, components: 3, componentChanges: 3)))
            #expect(server.received.map(\.path).sorted() == ["/api/v2/incidents.json", "/api/v2/summary.json"])
        }
    }

    @Test func aJSONDocumentOutsideTheStatuspageAPIIsReadAlone() async throws {
        let world = try OfficialWorld()
        try await LoopbackHTTPServer.run(handler: { _ in .json(StatuspageFixtures.incidentsJSON) }) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/export/incidents.json"))
            let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
            #expect(
                results.first?.outcome
                    == .stored(.init(incidents: 3, newIncidents: 3, components: 0, componentChanges: 0)))
            #expect(server.received.map(\.path) == ["/export/incidents.json"])
        }
    }

    @Test func redirectsAreFollowed() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage()
        try await LoopbackHTTPServer.run(handler: { request in
            if request.path.hasPrefix("/old/") {
                return .init(status: 301, headers: ["Location": String(request.path.dropFirst(4))])
            }
            return await page.handler(request)
        }) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.url("/old/"))
            // Each hop is followed (and checked) by the fetcher: a generous timeout for a loaded machine.
            let results = try await world.engine.syncOfficialSources(
                fetcher: OfficialWorld.fetcher(timeout: .seconds(60)))
            #expect(results.first?.isSuccess == true, "\(String(describing: results.first))")
            #expect(server.received.count == 4)
        }
    }

    @Test func anUnreachableServerIsAFailure() async throws {
        let world = try OfficialWorld()
        try world.engine.addOfficialSource(service: world.whatsapp, location: "http://127.0.0.1:1")
        let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher(timeout: .seconds(1)))
        guard case .failed(let reason, 1) = results.first?.outcome else {
            Issue.record("expected a failure, got \(String(describing: results.first))")
            return
        }
        #expect(reason.contains("127.0.0.1:1"), "\(reason)")
    }

    @Test func aSavedFileIsRead() async throws {
        let world = try OfficialWorld()
        let folder = TemporaryDirectory(prefix: "outcry-official")
        let path = try folder.write("summary.json", StatuspageFixtures.summaryJSON)
        try world.engine.addOfficialSource(service: world.whatsapp, location: path)
        let results = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
        #expect(
            results.first?.outcome == .stored(.init(incidents: 1, newIncidents: 1, components: 3, componentChanges: 3)))
        try folder.write("summary.json", "{\"incidents\": [")
        world.clock.advance(minutes: 3)
        let broken = try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher())
        guard case .failed(let reason, _) = broken.first?.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.hasPrefix("\(path): invalid JSON"), "\(reason)")
        #expect(try world.storedOfficialIncidents().count == 1)
    }

    /// The daemon's way: due sources on the writer, the fetch without the engine, then the record.
    @Test func dueFetchRecordFollowsTheSchedule() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage()
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let fetcher = OfficialWorld.fetcher()
            var due = try world.engine.dueOfficialSources(now: world.clock.now())
            #expect(due.map(\.service) == [world.whatsapp], "never read: due at once")
            let outcome = await fetcher.fetch(try #require(due.first))
            let result = try world.engine.recordOfficialFetch(service: world.whatsapp, outcome: outcome)
            #expect(result.isSuccess)
            world.clock.advance(minutes: 1)
            #expect(try world.engine.dueOfficialSources(now: world.clock.now()).isEmpty)
            world.clock.advance(minutes: 1)
            due = try world.engine.dueOfficialSources(now: world.clock.now())
            #expect(due.count == 1, "due again after the 2-minute interval")
        }
    }

    @Test func syncCanBeLimitedToOneService() async throws {
        let world = try OfficialWorld()
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            try world.engine.addOfficialSource(service: world.gmail, location: server.url("/api/v2/incidents.json"))
            let results = try await world.engine.syncOfficialSources(
                fetcher: OfficialWorld.fetcher(), services: [world.gmail])
            #expect(results.map(\.service) == [world.gmail])
            try world.engine.removeOfficialSource(service: world.gmail)
            await #expect(throws: EngineError.self) {
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher(), services: [world.gmail])
            }
        }
    }

    @Test(
        arguments: [(0, 120), (1, 240), (2, 480), (3, 960), (4, 1920), (5, 3600), (6, 3600), (1000, 3600)]
            as [(Int, Int64)])
    func backoffDoublesUpToAnHour(failures: Int, seconds: Int64) {
        #expect(OfficialPollSettings().retryDelaySeconds(afterFailures: failures) == seconds)
    }
}
