import Testing

/// `outcry service quiet`, `quiet-list`, `quiet-remove` and `outcry official add --feed`.
@Suite(.timeLimit(.minutes(10))) struct ServiceQuietCommandTests {
    @Test func quietWindowsAreDeclaredListedAndRemoved() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        _ = await cli.run("service", "add", "gmail")
        let added = await cli.run(
            "service", "quiet", "whatsapp", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T18:00:00Z",
            "--reason", "planned test")
        #expect(added.exitCode == 0, "\(added.errorOutput)")
        #expect(
            added.output
                == "added quiet window 1 for whatsapp: 2024-03-05T15:00:00Z to 2024-03-05T18:00:00Z (planned test)\n")
        _ = await cli.run("service", "quiet", "gmail", "--from", "1709640000", "--to", "1709643600")
        let list = await cli.run("service", "quiet-list")
        let lines = list.output.split(separator: "\n")
        #expect(lines.count == 3, "\(list.output)")
        #expect(lines.first?.contains("ID") == true && lines.first?.contains("REASON") == true)
        #expect(lines[1].contains("gmail") && lines[1].contains("operator"))
        #expect(lines[2].contains("whatsapp") && lines[2].contains("planned test"))
        let one = await cli.run("service", "quiet-list", "whatsapp")
        #expect(one.output.split(separator: "\n").count == 2)
        let removed = await cli.run("service", "quiet-remove", "1")
        #expect(removed.exitCode == 0 && removed.output == "removed quiet window 1 of whatsapp\n")
        let again = await cli.run("service", "quiet-remove", "1")
        #expect(again.exitCode == 1 && again.errorOutput.contains("there is no quiet window 1"))
        let empty = await cli.run("service", "quiet-list", "whatsapp")
        #expect(empty.output.contains("no quiet windows"))
    }

    @Test(arguments: [
        (["whatsapp", "--from", "2024-03-05T18:00:00Z", "--to", "2024-03-05T15:00:00Z"], "must be before --to"),
        (["whatsapp", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T15:00:00Z"], "must be before --to"),
        (["whatsapp", "--from", "1999-12-31T23:00:00Z", "--to", "2024-03-05T15:00:00Z"], "out of range"),
        (["whatsapp", "--from", "2024-03-05T15:00:00Z", "--to", "2100-01-01T00:00:00Z"], "out of range"),
        (["whatsapp", "--from", "soon", "--to", "2024-03-05T15:00:00Z"], "--from \"soon\" is not a time"),
        (
            [
                "whatsapp", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T16:00:00Z", "--reason",
                String(repeating: "x", count: 201),
            ], "at most 200 bytes"
        ),
        (["Bad Slug", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T16:00:00Z"], "slug"),
    ])
    func badWindowsAreUsageErrors(arguments: [String], expected: String) async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let result = await cli.run(["service", "quiet"] + arguments)
        #expect(result.exitCode == 64, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(expected), "\(result.errorOutput)")
    }

    @Test func anUnknownServiceIsNamed() async {
        let cli = CLIHarness()
        let result = await cli.run(
            "service", "quiet", "nope", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T16:00:00Z")
        #expect(result.exitCode == 1 && result.errorOutput.contains("service \"nope\" is not monitored"))
        let list = await cli.run("service", "quiet-list", "nope")
        #expect(list.exitCode == 1 && list.errorOutput.contains("service \"nope\" is not monitored"))
        let badID = await cli.run("service", "quiet-remove", "-3")
        #expect(badID.exitCode == 64)
    }

    @Test func officialAddTakesAFeedOrAStatuspageButNotBoth() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "slack")
        let neither = await cli.run("official", "add", "slack")
        #expect(neither.exitCode == 64 && neither.errorOutput.contains("--statuspage URL_OR_FILE or --feed URL"))
        let both = await cli.run(
            "official", "add", "slack", "--feed", "https://x.example/feed", "--statuspage", "https://x.example")
        #expect(both.exitCode == 64)
        let feed = await cli.run("official", "add", "slack", "--feed", "https://slack-status.example/status")
        #expect(feed.exitCode == 0, "\(feed.errorOutput)")
        #expect(feed.output.contains("feed:https://slack-status.example/status"))
        #expect(feed.output.contains("an Atom or RSS feed: reads https://slack-status.example/status"))
        let pasted = await cli.run(
            "official", "add", "slack", "--statuspage", "https://status.slack.example/api/v2/summary.json")
        #expect(
            pasted.output.contains(
                "a Statuspage page: reads https://status.slack.example/api/v2/summary.json and "
                    + "https://status.slack.example/api/v2/incidents.json"), "\(pasted.output)")
    }
}
