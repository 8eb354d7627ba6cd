import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// A status page is a remote party: an out-of-range time, a redirect into the operator's network or a
/// dribbled answer costs at most that entry or that read, never the sync or the daemon.
@Suite(.timeLimit(.minutes(10))) struct HostilePageTests {
    @Test func theHostileIncidentIsSkippedAndReportedAndTheRestStored() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage(incidents: .json(StatuspageFixtures.hostileIncidentsJSON))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            for _ in 0..<2 {
                let result = try #require(
                    try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
                #expect(result.isSuccess)
                #expect(
                    result.skipped == [server.url("/api/v2/incidents.json: ") + StatuspageFixtures.hostileProblemReason]
                )
                #expect(result.skippedCount == 1)
                world.clock.advance(minutes: 3)
            }
        }
        #expect(
            try world.storedOfficialIncidents().map(\.id).sorted()
                == [
                    StatuspageFixtures.openIncidentID, "k2j8d0s1a9f3", "z9y8x7w6v5u4",
                ].sorted())
        let source = try #require(try world.source())
        #expect(source.lastError == nil && source.consecutiveFailures == 0)
        #expect(world.logs.messages.contains("official status page entries skipped; the rest of the page was stored"))
        // The crowd incident is still acknowledged by the good incident.
        let acknowledged = try world.engine.withOfficial([StatuspageFixtures.crowdIncident()])
        #expect(acknowledged.first?.official?.incidentID == StatuspageFixtures.openIncidentID)
    }

    @Test func aSavedHostileFileIsReadTheSameWay() async throws {
        let world = try OfficialWorld()
        let folder = TemporaryDirectory(prefix: "outcry-hostile")
        let path = try folder.write("incidents.json", StatuspageFixtures.hostileIncidentsJSON)
        try world.engine.addOfficialSource(service: world.whatsapp, location: path)
        let result = try #require(try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
        #expect(result.isSuccess)
        #expect(result.skipped == ["\(path): " + StatuspageFixtures.hostileProblemReason])
        #expect(try world.storedOfficialIncidents().count == 3)
    }

    /// An incident without its creation time used to fail the whole read; now only it is left out.
    @Test func anIncidentWithoutCreationTimeIsSkippedNotTheRead() async throws {
        let world = try OfficialWorld()
        let page = StatuspageFakePage(incidents: .json(#"{"incidents": [{"id": "a", "name": "x"}]}"#))
        try await LoopbackHTTPServer.run(handler: page.handler) { server in
            try world.engine.addOfficialSource(service: world.whatsapp, location: server.baseURL)
            let result = try #require(
                try await world.engine.syncOfficialSources(fetcher: OfficialWorld.fetcher()).first)
            #expect(result.isSuccess)
            #expect(result.skipped == [server.url("/api/v2/incidents.json: missing field incidents[0].created_at")])
            // The summary's incident and components were stored.
            #expect(try world.storedOfficialIncidents().map(\.id) == [StatuspageFixtures.openIncidentID])
            #expect(try world.engine.officialComponentStates(of: world.whatsapp).count == 3)
        }
    }

    /// Property: official incidents with any times (as the store or a future decoder might hand them over)
    /// and crowd incidents at any time: matching, lead phrases, windows and backoffs never trap.
    @Test func arithmeticOnOfficialTimesNeverTraps() {
        let extremes: [Int64] = [.min, .min + 1, -1, 0, 1, 1_709_654_292, .max - 1, .max]
        let matcher = OfficialMatcher()
        for created in extremes {
            for other in extremes {
                let official = OfficialIncident(
                    id: "o", name: "x", status: "resolved", impact: .major, createdAt: Timestamp(seconds: created),
                    startedAt: Timestamp(seconds: other), resolvedAt: Timestamp(seconds: other)
                )
                let open = OfficialIncident(
                    id: "p", name: "y", status: "investigating", impact: nil, createdAt: Timestamp(seconds: other))
                for onset in extremes {
                    // Set after building: the fixture's summary text formats its times.
                    var crowd = StatuspageFixtures.crowdIncident()
                    crowd.startedAt = Timestamp(seconds: onset)
                    crowd.endedAt = Timestamp(seconds: created)
                    for now in [Int64.min, 0, Int64.max] {
                        let acknowledgement = matcher.acknowledgement(
                            for: crowd, among: [official, open], now: Timestamp(seconds: now))
                        _ = acknowledgement.leadPhrase
                        _ = matcher.window(of: crowd, now: Timestamp(seconds: now))
                    }
                }
            }
        }
        for minutes in [Int.min, -1, 0, 1, Int.max] {
            _ = OfficialAcknowledgement(status: .acknowledged, leadMinutes: minutes).leadPhrase
        }
        let poll = OfficialPollSettings()
        for failures in [Int.min, -1, 0, 1, 30, 62, 63, 64, Int.max] {
            let delay = poll.retryDelaySeconds(afterFailures: failures)
            #expect(delay > 0 && delay <= poll.maximumBackoffSeconds)
            #expect(Timestamp(seconds: .max).adding(seconds: delay) == .distantFuture)
        }
        #expect(OfficialMatcher.leadMinutes(from: Timestamp(seconds: .min), to: Timestamp(seconds: .max)) > 0)
    }

    // MARK: - Redirects

    /// A timeout the redirect tests never reach, even with every core busy (each hop resumes on the
    /// cooperative pool, which a full parallel test run keeps saturated).
    static let generous = Duration.seconds(60)

    /// A page whose documents redirect to `target` (a URL on another loopback server).
    static func redirecting(to target: String) -> LoopbackHTTPServer.Handler {
        { request in .redirect(to: target + request.path) }
    }

    @Test func aRedirectToLoopbackIsRefusedByDefaultAndFollowedWhenAllowed() async throws {
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { real in
            try await LoopbackHTTPServer.run(handler: Self.redirecting(to: real.baseURL)) { page in
                let refused = await StatusPageFetcher(timeout: Self.generous).fetch(location: page.baseURL)
                guard case .failure(let error) = refused else {
                    Issue.record("the redirect to \(real.baseURL) was followed")
                    return
                }
                #expect(error.description.contains("did not follow the redirect of \(page.baseURL)/api/v2/"))
                #expect(error.description.contains("127.0.0.1, a loopback address (127.0.0.0/8)"))
                #expect(error.description.contains("--allow-private-addresses"))
                #expect(real.received.isEmpty)

                let allowed = await StatusPageFetcher(timeout: Self.generous, allowsPrivateAddresses: true)
                    .fetch(location: page.baseURL)
                guard case .snapshot(let snapshot) = allowed else {
                    Issue.record("not followed with private addresses allowed: \(allowed)")
                    return
                }
                #expect(snapshot.incidents.count == 3)
                #expect(real.received.count == 2)
            }
        }
    }

    @Test func aRedirectWithinTheConfiguredOriginIsTrusted() async throws {
        let page = StatuspageFakePage()
        let pageHandler = page.handler
        try await LoopbackHTTPServer.run(handler: { request in
            if request.path.hasPrefix("/old/") { return .redirect(to: String(request.path.dropFirst("/old".count))) }
            return await pageHandler(request)
        }) { server in
            let outcome = await StatusPageFetcher(timeout: Self.generous)
                .fetch(location: server.url("/old/api/v2/incidents.json"))
            guard case .snapshot(let snapshot) = outcome else {
                Issue.record("a same-origin redirect was refused: \(outcome)")
                return
            }
            #expect(snapshot.incidents.count == 3)
        }
    }

    @Test func aRedirectLoopEndsAfterFiveHops() async throws {
        try await LoopbackHTTPServer.run(handler: { request in .redirect(to: request.path) }) { server in
            let outcome = await StatusPageFetcher(timeout: Self.generous).fetch(location: server.url("/loop.json"))
            guard case .failure(let error) = outcome else {
                Issue.record("a redirect loop produced a snapshot")
                return
            }
            #expect(error.description.contains("more than 5 redirects"))
            #expect(server.received.count == 6)
        }
    }

    @Test func aDribbledDocumentEndsAtTheDeadline() async throws {
        let dribbled = LoopbackHTTPServer.Reply(
            status: 200, headers: ["Content-Type": "application/json"],
            body: Array(StatuspageFixtures.incidentsJSON.utf8),
            dribbleInterval: .milliseconds(200))
        try await LoopbackHTTPServer.run(handler: { _ in dribbled }) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = await StatusPageFetcher(timeout: .seconds(1)).fetch(location: server.url("/incidents.json"))
            let elapsed = clock.now - started
            #expect(outcome == .failure(.timedOut(url: server.url("/incidents.json"), seconds: 1)))
            // Dribbled whole, the document would take ten minutes; the margin is for a loaded machine.
            #expect(elapsed < .seconds(15), "took \(elapsed)")
        }
    }
}
