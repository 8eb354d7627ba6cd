import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Synchronization
import Testing

/// `outcry notify …` on a temporary database, with webhooks received by a loopback server.
@Suite(.timeLimit(.minutes(10))) struct NotifyCommandTests {
    /// A harness with whatsapp (group meta) and gmail (group google).
    static func harness() async -> CLIHarness {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp", "--group", "meta")
        _ = await cli.run("service", "add", "gmail", "--group", "google")
        return cli
    }

    /// Records the `opened` event of a fixture incident, as live detection would.
    static func open(_ cli: CLIHarness, service: String = "whatsapp") throws {
        let now = try #require(Timestamp(iso8601: cli.now))
        try NotificationFixtures.withEngine(path: cli.databasePath, clock: FixedTimeSource(now)) { engine in
            _ = try NotificationFixtures.enqueueOpened(Incident.fixture(service: service), in: engine)
        }
    }

    @Test func addWebhookPrintsItsGeneratedSecretOnce() async throws {
        let cli = await Self.harness()
        let added = await cli.run(
            "notify", "add", "webhook", "https://example.com/hooks/outcry", "--group", "meta", "--min-level", "likely")
        #expect(added.exitCode == 0, "\(added.errorOutput)")
        #expect(
            added.output.contains(
                "added webhook hook 1: https://example.com/hooks/outcry (group meta, likely or above)"))
        let secretLine = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("secret: ") })
        let secret = secretLine.dropFirst("secret: ".count)
        #expect(secret.count == 64 && secret.allSatisfy(\.isHexDigit))
        let list = await cli.run("notify", "list")
        #expect(list.exitCode == 0)
        #expect(
            list.output.contains("https://example.com/hooks/outcry")
                && list.output.contains("group meta, likely or above"))
        #expect(!list.output.contains(String(secret)), "the secret is shown once, at add")
        let given = await cli.run(
            "notify", "add", "webhook", "http://127.0.0.1:8080/hook", "--secret", "a-secret-of-my-own")
        #expect(given.exitCode == 0 && !given.output.contains("secret:"))
    }

    @Test(arguments: [
        (["webhook", "ftp://example.com/hook"], "is not a webhook URL"),
        (["webhook", "example.com/hook"], "is not a webhook URL"),
        (["webhook", "https:///hook"], "has no host"),
        (["webhook", "https://example.com/hook", "--service", "nosuch"], "service \"nosuch\" is not monitored"),
        (["webhook", "https://example.com/hook", "--group", "nosuch"], "no monitored service is in group \"nosuch\""),
        (["webhook", "https://example.com/hook", "--secret", "short"], "--secret must be at least 16 characters"),
        (["exec", "  "], "the command is empty"),
    ])
    func addRefusesBadHooksWithAClearError(arguments: [String], message: String) async {
        let cli = await Self.harness()
        let result = await cli.run(["notify", "add"] + arguments)
        #expect(result.exitCode == 1)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
        #expect(await cli.run("notify", "list").output.contains("no notification hooks"))
    }

    @Test(arguments: [
        (["--min-level", "normal"], "--min-level"),
        (["--service", "Not A Slug"], "--service"),
        (["--group", "Meta Group"], "--group"),
    ])
    func badFilterFlagsAreUsageErrors(flags: [String], message: String) async {
        let result = await Self.harness().run(["notify", "add", "webhook", "https://example.com/hook"] + flags)
        #expect(result.exitCode == 64)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test func removeStopsAHookAndRefusesUnknownIds() async {
        let cli = await Self.harness()
        _ = await cli.run("notify", "add", "exec", "cat > /dev/null", "--service", "whatsapp")
        #expect(await cli.run("notify", "list").output.contains("cat > /dev/null"))
        let removed = await cli.run("notify", "remove", "1")
        #expect(removed.exitCode == 0 && removed.output.contains("removed notification hook 1"))
        #expect(await cli.run("notify", "list").output.contains("no notification hooks"))
        let again = await cli.run("notify", "remove", "1")
        #expect(again.exitCode == 1 && again.errorOutput.contains("there is no notification hook 1"))
    }

    @Test func deliverSendsWhatIsDueAndTheLogShowsIt() async throws {
        let cli = await Self.harness()
        let statuses = Mutex([500])
        try await LoopbackHTTPServer.run(handler: { _ in
            .init(status: statuses.withLock { $0.isEmpty ? 200 : $0.removeFirst() })
        }) { server in
            _ = await cli.run("notify", "add", "webhook", server.url("/hook"), "--secret", "0123456789abcdef")
            #expect(await cli.run("notify", "deliver").output == "nothing to deliver\n")
            try Self.open(cli)
            let first = await cli.run("notify", "deliver")
            #expect(first.exitCode == 0)
            #expect(first.output.contains("could not deliver opened #1"))
            #expect(first.output.contains("HTTP 500") && first.output.contains("retrying at 2024-03-05T16:00:30Z"))
            #expect(first.output.contains("0 delivered, 1 to retry later, 0 failed for good"))
            var later = cli
            later.now = "2024-03-05T16:00:30Z"
            let second = await later.run("notify", "deliver")
            #expect(second.exitCode == 0)
            #expect(
                second.output.contains("delivered opened #1 (whatsapp/global/")
                    && second.output.contains("to hook 1 (HTTP 200)"))
            let log = await cli.run("notify", "log")
            #expect(log.exitCode == 0)
            let lines = log.output.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("TIME") == true)
            #expect(
                lines[1].contains("2024-03-05T16:00:30Z") && lines[1].contains("delivered") && lines[1].contains("200"))
            #expect(lines[2].contains("retry") && lines[2].contains("500") && lines[2].contains("opened #1"))
            #expect(await cli.run("notify", "log", "--limit", "1").output.split(separator: "\n").count == 2)
            #expect(
                await cli.run("notify", "log", "--hook", "7").errorOutput.contains("there is no notification hook 7"))
            #expect(server.received.count == 2)
        }
    }

    @Test func deliverExitsWithFailureWhenADeliveryFailsForGood() async throws {
        let cli = await Self.harness()
        try await LoopbackHTTPServer.run(handler: { _ in .init(status: 404) }) { server in
            _ = await cli.run("notify", "add", "webhook", server.url("/missing"))
            try Self.open(cli)
            let result = await cli.run("notify", "deliver")
            #expect(result.exitCode == 1)
            #expect(result.output.contains("failed opened #1") && result.output.contains("HTTP 404"))
            #expect(result.output.contains("0 delivered, 0 to retry later, 1 failed for good"))
        }
    }

    @Test func notifyTestSendsAMarkedEventToOneHook() async throws {
        let cli = await Self.harness()
        try await LoopbackHTTPServer.run(handler: { _ in .init(status: 202) }) { server in
            _ = await cli.run("notify", "add", "webhook", server.url("/hook"))
            let result = await cli.run("notify", "test", "1")
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            #expect(result.output == "hook 1 took the test event (HTTP 202)\n")
            #expect(server.received.first?.headers["x-outcry-event"] == "test")
            #expect(await cli.run("notify", "test", "2").errorOutput.contains("there is no notification hook 2"))
        }
        let unreachable = await cli.run("notify", "test", "1")
        #expect(unreachable.exitCode == 1 && unreachable.output.contains("did not take the test event"))
    }
}
