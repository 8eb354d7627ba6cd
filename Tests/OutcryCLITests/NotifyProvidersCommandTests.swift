import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry notify add slack|teams|discord|googlechat|pagerduty|email` and `outcry notify test` against
/// loopback receivers that validate each provider's documented format and answer like it.
///
/// With `OUTCRY_NOTIFY_SAMPLES=<folder>` in the environment, the commands' output and each payload received
/// are written there (the examples in the README and the issue's closing note).
@Suite(.timeLimit(.minutes(10))) struct NotifyProvidersCommandTests {
    static let routingKey = "0123456789abcdef0123456789abcdef"

    static func save(_ name: String, _ text: String) {
        guard let folder = ProcessInfo.processInfo.environment["OUTCRY_NOTIFY_SAMPLES"] else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    @Test(arguments: ProviderReceiver.Provider.allCases)
    func notifyTestDeliversASampleToEveryProvider(provider: ProviderReceiver.Provider) async throws {
        let cli = await NotifyCommandTests.harness()
        try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: provider)) { server in
            let added =
                provider == .pagerduty
                ? await cli.run(
                    "notify", "add", "pagerduty", Self.routingKey, "--events-url", server.url("/v2/enqueue"))
                : await cli.run("notify", "add", provider.rawValue, server.url("/hook"), "--min-level", "likely")
            #expect(added.exitCode == 0, "\(added.errorOutput)")
            let result = await cli.run("notify", "test", "1", "--public-url", "https://outcry.example.org")
            #expect(result.exitCode == 0, "\(result.errorOutput)")
            let expected =
                switch provider {
                case .slack, .googlechat: "hook 1 (\(provider.rawValue)) took the test event (HTTP 200)\n"
                case .teams: "hook 1 (teams) took the test event (HTTP 202)\n"
                case .discord: "hook 1 (discord) took the test event (HTTP 204)\n"
                case .pagerduty: "hook 1 (pagerduty) took the test trigger and resolve (HTTP 202)\n"
                }
            #expect(result.output == expected)
            #expect(server.received.count == (provider == .pagerduty ? 2 : 1))
            for request in server.received {
                #expect(ProviderReceiver.problems(in: request.body, for: provider) == [])
            }
            Self.save(
                "\(provider.rawValue)-test.txt",
                "$ outcry notify add \(provider.rawValue) …\n\(added.output)$ outcry notify test 1 --public-url https://outcry.example.org\n\(result.output)"
            )
            Self.save("\(provider.rawValue)-test.json", server.received.map(\.bodyText).joined(separator: "\n"))
            let list = await cli.run("notify", "list")
            #expect(list.output.contains(provider.rawValue))
            if provider == .pagerduty {
                #expect(!list.output.contains(Self.routingKey), "the routing key is not listed whole")
            }
        }
    }

    /// A real incident through `notify deliver`, and a provider's refusal in `notify log`.
    @Test func deliverSendsTheIncidentAndTheLogQuotesTheProvidersError() async throws {
        let cli = await NotifyCommandTests.harness()
        try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: .slack)) { slack in
            try await LoopbackHTTPServer.run(handler: { _ in .init(status: 400, body: Array("invalid_blocks".utf8)) }) {
                broken in
                _ = await cli.run("notify", "add", "slack", slack.url("/good"))
                _ = await cli.run("notify", "add", "slack", broken.url("/broken"))
                try NotifyCommandTests.open(cli)
                let result = await cli.run("notify", "deliver", "--public-url", "https://outcry.example.org")
                #expect(result.exitCode == 1)
                #expect(result.output.contains("1 delivered, 0 to retry later, 1 failed for good"), "\(result.output)")
                let log = await cli.run("notify", "log")
                #expect(
                    log.output.contains("HTTP 400: the receiver refused the event: invalid_blocks"), "\(log.output)")
                let body = try #require(slack.received.first).bodyText
                #expect(ProviderReceiver.problems(in: Array(body.utf8), for: .slack) == [])
                #expect(body.contains("https://outcry.example.org/services/whatsapp"))
                Self.save("slack-opened.json", body)
                Self.save(
                    "deliver.txt",
                    "$ outcry notify deliver --public-url https://outcry.example.org\n\(result.output)$ outcry notify log\n\(log.output)"
                )
            }
        }
    }

    @Test func notifyTestMailsThroughTheGivenSendmail() async throws {
        let cli = await NotifyCommandTests.harness()
        let script = cli.folder.path("sendmail")
        try cli.folder.write(
            "sendmail",
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(cli.folder.path("args"))'\ncat > '\(cli.folder.path("mail"))'\n")
        chmod(script, 0o755)
        let added = await cli.run(
            "notify", "add", "email", "ops@example.com", "oncall@example.com", "--sendmail", script, "--from",
            "outcry@example.org")
        #expect(added.exitCode == 0, "\(added.errorOutput)")
        #expect(
            added.output.contains(
                "added email hook 1: ops@example.com, oncall@example.com from outcry@example.org via \(script)"))
        let result = await cli.run("notify", "test", "1", "--public-url", "https://outcry.example.org")
        #expect(result.output == "hook 1 (email) took the test event\n", "\(result.errorOutput)")
        let mail = try String(contentsOfFile: cli.folder.path("mail"), encoding: .utf8)
        #expect(mail.contains("Subject: Unofficial TEST from Outcry"))
        #expect(
            try String(contentsOfFile: cli.folder.path("args"), encoding: .utf8)
                == "-i\n--\nops@example.com\noncall@example.com\n")
        Self.save(
            "email-test.txt",
            "$ outcry notify add email ops@example.com oncall@example.com --sendmail ./sendmail --from outcry@example.org\n\(added.output)$ outcry notify test 1 --public-url https://outcry.example.org\n\(result.output)"
        )
        Self.save("email-test.eml", mail)
    }

    @Test(arguments: [
        (["slack", "hooks.slack.com/services/x"], "is not a webhook URL"),
        (["teams", "https:///x"], "has no host"),
        (["discord", "https://example.com/x", "--secret", "0123456789abcdef0"], "Unknown option '--secret'"),
        (["pagerduty", "short-key"], "is not a PagerDuty routing key"),
        (["pagerduty", "0123456789abcdef0123456789abcdef", "--events-url", "ftp://x"], "is not a webhook URL"),
        (["email", "not-an-address", "--sendmail", "/bin/true"], "is not an email address"),
        (["email", "ops@example.com", "--sendmail", "/no/such/sendmail"], "is not an executable file"),
        (["email", "ops@example.com", "--sendmail", "/bin/true", "--from", "bad"], "is not an email address"),
    ])
    func addRefusesBadProviderHooksWithAClearError(arguments: [String], message: String) async {
        let cli = await NotifyCommandTests.harness()
        let result = await cli.run(["notify", "add"] + arguments)
        #expect(result.exitCode != 0)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test func aBadPublicURLIsAUsageError() async {
        let cli = await NotifyCommandTests.harness()
        let result = await cli.run("notify", "deliver", "--public-url", "outcry.example.org")
        #expect(result.exitCode == 64)
        #expect(result.errorOutput.contains("--public-url must start with http:// or https://"))
    }
}
