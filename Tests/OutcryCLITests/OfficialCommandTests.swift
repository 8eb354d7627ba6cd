import OutcryTestSupport
import Testing

/// `outcry official …` against a temporary database and a fake status page on a loopback server.
@Suite(.timeLimit(.minutes(10))) struct OfficialCommandTests {
    @Test func addListSyncShowAndRemove() async throws {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp", "--name", "WhatsApp")
        try await LoopbackHTTPServer.run(handler: StatuspageFakePage().handler) { server in
            let added = await cli.run(
                "official", "add", "whatsapp", "--statuspage", server.baseURL, "--component", "Messaging")
            #expect(added.exitCode == 0, "\(added.errorOutput)")
            #expect(
                added.output.contains(
                    "linked whatsapp to the official status page \(server.baseURL) (component \"Messaging\")"))
            #expect(added.output.contains("outcry official sync whatsapp"))

            let list = await cli.run("official", "list")
            #expect(list.exitCode == 0)
            let row = try #require(list.output.split(separator: "\n").last.map(String.init))
            #expect(row.contains("whatsapp") && row.contains(server.baseURL) && row.contains("Messaging"))
            #expect(row.contains("never") && row.contains("due now"))

            let sync = await cli.run("official", "sync")
            #expect(sync.exitCode == 0, "\(sync.output)\(sync.errorOutput)")
            #expect(sync.output.contains("the providers' own statements"))
            #expect(sync.output.contains("whatsapp: 3 official incidents (3 new), 3 components (3 status changes)"))

            let shown = await cli.run("official", "incidents", "whatsapp")
            #expect(shown.exitCode == 0)
            #expect(shown.output.contains("(the provider's own, not Outcry's)"))
            #expect(shown.output.contains("Messaging delays") && shown.output.contains("https://stspg.io/wa1msg"))
            #expect(shown.output.contains("2024-03-05T15:58:12Z") && shown.output.contains("open"))
            #expect(shown.output.contains("Elevated error rates") && shown.output.contains("critical"))
            #expect(shown.output.contains("partial_outage"))

            // `outcry status` puts the provider's word beside the crowd signal, attributed to it.
            let status = await cli.run("status", "whatsapp")
            #expect(status.exitCode == 0, "\(status.errorOutput)")
            #expect(status.output.contains("Official status page (the provider's own word, read "))
            #expect(status.output.contains("Messaging partial outage"))
            #expect(status.output.contains("official incident since 2024-03-05T15:58:12Z: Messaging delays"))
        }
        // The server is gone: the read fails, exit status 1, and what was stored stays.
        let failed = await cli.run("official", "sync", "whatsapp", "--timeout", "1")
        #expect(failed.exitCode == 1)
        #expect(failed.output.contains("whatsapp: failed: ") && failed.output.contains("kept what was stored"))
        #expect(failed.output.contains("1 failure in a row, next attempt at 2024-03-05T16:04:00Z"), "\(failed.output)")
        let list = await cli.run("official", "list")
        #expect(list.output.contains("2024-03-05T16:00:00Z") && list.output.contains("2024-03-05T16:04:00Z"))
        #expect(await cli.run("official", "incidents", "whatsapp").output.contains("Messaging delays"))

        let removed = await cli.run("official", "remove", "whatsapp")
        #expect(removed.exitCode == 0)
        #expect(removed.output.contains("unlinked whatsapp"))
        let again = await cli.run("official", "remove", "whatsapp")
        #expect(again.exitCode == 1)
        #expect(again.errorOutput.contains("has no official status source"))
    }

    @Test func aSavedFileCanBeTheSource() async throws {
        let cli = CLIHarness()
        let path = try cli.folder.write("incidents.json", StatuspageFixtures.incidentsJSON)
        _ = await cli.run("service", "add", "whatsapp")
        #expect(await cli.run("official", "add", "whatsapp", "--statuspage", path).exitCode == 0)
        let sync = await cli.run("official", "sync")
        #expect(sync.exitCode == 0)
        #expect(sync.output.contains("3 official incidents (3 new), 0 components"))
    }

    @Test func badInputIsRefusedWithTheReason() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let scheme = await cli.run("official", "add", "whatsapp", "--statuspage", "ftp://status.example.com")
        #expect(scheme.exitCode == 1)
        #expect(
            scheme.errorOutput.contains("is not an http(s) URL")
                && scheme.errorOutput.contains("https://status.example.com"))
        let missing = await cli.run("official", "add", "whatsapp", "--statuspage", "no-such-file.json")
        #expect(missing.exitCode == 1)
        #expect(missing.errorOutput.contains("no such file"))
        let unknown = await cli.run("official", "add", "slack", "--statuspage", "https://status.slack.com")
        #expect(unknown.exitCode == 1)
        #expect(unknown.errorOutput.contains("not monitored"))
        let slug = await cli.run("official", "add", "Slack!", "--statuspage", "https://status.slack.com")
        #expect(slug.exitCode == 64)
        let noFlag = await cli.run("official", "add", "whatsapp")
        #expect(noFlag.exitCode == 64)
        #expect(noFlag.errorOutput.contains("--statuspage"))
        let notLinked = await cli.run("official", "incidents", "whatsapp")
        #expect(notLinked.exitCode == 64)
        #expect(notLinked.errorOutput.contains("outcry official add whatsapp --statuspage"))
        let timeout = await cli.run("official", "sync", "--timeout", "0")
        #expect(timeout.exitCode == 64)
    }

    @Test func nothingLinkedIsSaidPlainly() async {
        let cli = CLIHarness()
        let list = await cli.run("official", "list")
        #expect(list.exitCode == 0 && list.output.contains("no official status pages linked"))
        let sync = await cli.run("official", "sync")
        #expect(sync.exitCode == 0 && sync.output.contains("no official status pages linked"))
    }
}
