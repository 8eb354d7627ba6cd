import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// What remote parties send reaches the operator's terminal harmlessly: a status page with an out-of-range
/// time, a redirect into the operator's network, control characters in titles and in webhook answers.
@Suite(.timeLimit(.minutes(10))) struct HostileRemoteTextTests {
    /// Control characters a hostile page or receiver might send: clear screen, OSC 8 link, CSI (C1), RLO.
    static let controls = "\u{1B}[2J\u{1B}]8;;http://evil\u{07}\u{9B}31m\u{202E}"
    /// ``controls`` as JSON escapes (raw control characters are not valid JSON).
    static let jsonControls = #"\u001b[2J\u001b]8;;http://evil\u0007\u009b31m\u202e"#

    static func hasNoControls(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
    }

    @Test func officialSyncSkipsTheHostileIncidentAndStoresTheRest() async throws {
        let cli = CLIHarness()
        let path = try cli.folder.write("incidents.json", StatuspageFixtures.hostileIncidentsJSON)
        _ = await cli.run("service", "add", "whatsapp")
        #expect(await cli.run("official", "add", "whatsapp", "--statuspage", path).exitCode == 0)
        for _ in 0..<2 {
            let sync = await cli.run("official", "sync")
            #expect(sync.exitCode == 0, "\(sync.output)\(sync.errorOutput)")
            #expect(sync.output.contains("whatsapp: 3 official incidents"))
            #expect(sync.output.contains("  skipped 1 entry the page got wrong (the rest was stored):"))
            #expect(
                sync.output.contains(
                    "incidents[3].created_at is out of range (-9223372036854775808 seconds since 1970); "
                        + "expected a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z"))
        }
        let shown = await cli.run("official", "incidents", "whatsapp")
        #expect(shown.exitCode == 0)
        #expect(shown.output.contains("Messaging delays") && !shown.output.contains("Hostile"))
    }

    @Test func controlCharactersInOfficialTextNeverReachTheTerminal() async throws {
        let cli = CLIHarness()
        let page = """
            {"components": [{"id": "c1", "name": "API\(Self.jsonControls)", "status": "major_outage"}],
             "incidents": [{"id": "x1", "name": "Outage\(Self.jsonControls)title",
               "status": "investigating\(Self.jsonControls)", "created_at": "2024-03-05T15:40:00Z",
               "shortlink": "https://stspg.io/\(Self.jsonControls)", "impact": "critical"}]}
            """
        let path = try cli.folder.write("summary.json", page)
        _ = await cli.run("service", "add", "whatsapp", "--name", "WhatsApp")
        _ = await cli.run("official", "add", "whatsapp", "--statuspage", path)
        let sync = await cli.run("official", "sync")
        #expect(sync.exitCode == 0, "\(sync.output)")
        for arguments in [["official", "incidents", "whatsapp"], ["official", "list"], ["status", "whatsapp"]] {
            let result = await cli.run(arguments)
            #expect(result.exitCode == 0, "\(arguments): \(result.errorOutput)")
            #expect(Self.hasNoControls(result.output), "\(arguments): \(result.output.debugDescription)")
        }
        let status = await cli.run("status", "whatsapp")
        #expect(status.output.contains("Outage[2J]8;;http://evil31mtitle"), "\(status.output)")
    }

    @Test func officialSyncFollowsRedirectsToLoopbackOnlyWhenAllowed() async throws {
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { real in
            try await LoopbackHTTPServer.run(handler: { request in .redirect(to: real.baseURL + request.path) }) {
                page in
                let cli = CLIHarness()
                _ = await cli.run("service", "add", "whatsapp")
                _ = await cli.run("official", "add", "whatsapp", "--statuspage", page.baseURL)
                let refused = await cli.run("official", "sync", "--timeout", "60")
                #expect(refused.exitCode == 1)
                #expect(refused.output.contains("did not follow the redirect of"), "\(refused.output)")
                #expect(refused.output.contains("a loopback address (127.0.0.0/8)"))
                let allowed = await cli.run("official", "sync", "--allow-private-addresses", "--timeout", "60")
                #expect(allowed.exitCode == 0, "\(allowed.output)")
                #expect(allowed.output.contains("whatsapp: 3 official incidents"))
            }
        }
    }

    @Test func theDeliveryLogIsBoundedAndPrintsNoControlCharacters() async throws {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        _ = await cli.run("notify", "add", "webhook", "http://127.0.0.1:9/hook", "--secret", "a-secret-of-my-own")
        let now = try #require(Timestamp(iso8601: cli.now))
        try NotificationFixtures.withEngine(path: cli.databasePath, clock: FixedTimeSource(now)) { engine in
            let event = try #require(
                try NotificationFixtures.enqueueOpened(Incident.fixture(service: "whatsapp"), in: engine).first)
            let error = "HTTP 500: " + Self.controls + String(repeating: "é", count: 5_000)
            try engine.store {
                try $0.recordDeliveryAttempt(
                    DeliveryAttemptRecord(
                        eventID: event.id, hookID: 1, attempt: 1, at: now, outcome: .retry,
                        nextAttemptAt: now.adding(seconds: 30), httpStatus: 500, error: error, durationMilliseconds: 3))
            }
            let logged = try #require(try engine.notificationLog(limit: 1).first?.error)
            #expect(logged.utf8.count <= OutcryDatabase.maximumLogTextBytes)
            #expect(logged.hasSuffix("…"))
        }
        let log = await cli.run("notify", "log")
        #expect(log.exitCode == 0)
        #expect(Self.hasNoControls(log.output), "\(log.output.prefix(300).debugDescription)")
        #expect(log.output.contains("HTTP 500: [2J]8;;http://evil31m"))
    }
}
