import Foundation
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry detect`, `incidents`, `export`, `status` and `demo` on the ``OutageFixture`` reports.
@Suite(.timeLimit(.minutes(10))) struct DetectionCommandTests {
    /// A harness whose database holds the fixture's reports, with `--now` at `now`.
    static func seededHarness(now: String = "2024-03-05T16:00:00Z") throws -> CLIHarness {
        var cli = CLIHarness()
        cli.now = now
        try OutageFixture.seedAllReports(path: cli.databasePath)
        return cli
    }

    /// Parses a JSON object printed or written by a command.
    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: detect

    @Test func detectReplaysARangeAndPrintsUnofficialSummaries() async throws {
        let cli = try Self.seededHarness()
        let result = await cli.run("detect", "--from", "2024-03-04T00:00:00Z", "--to", "2024-03-05T18:00:00Z")
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        // One day and eighteen hours of one-minute ticks.
        #expect(result.output.contains("ran 2520 one-minute ticks up to 2024-03-05T18:00:00Z"))
        // A replay announces nothing.
        #expect(!result.output.contains("for notification hooks"))
        #expect(result.output.contains("Unofficial: these incidents are inferred from user problem reports"))
        for name in ["WhatsApp", "Instagram", "Messenger"] {
            #expect(result.output.contains("Unofficial: user reports indicate problems with \(name)"), "\(name)")
        }
        #expect(!result.output.contains("Gmail"))
        #expect(result.output.contains("[group meta] Unofficial:"))
        for line in result.output.split(separator: "\n") where line.hasPrefix("  [") {
            #expect(line.contains("Unofficial:"), "\(line)")
        }
    }

    @Test func detectWithoutRangeCatchesUpToNow() async throws {
        var cli = try Self.seededHarness()
        let first = await cli.run("detect")
        #expect(first.exitCode == 0, "\(first.errorOutput)")
        #expect(first.output.contains("one-minute ticks up to 2024-03-05T16:00:00Z"))
        #expect(first.output.contains("Unofficial: user reports indicate problems with WhatsApp"))
        // Live detection records the openings for notifications; running again with nothing new records none.
        #expect(first.output.contains("incident state changes for notification hooks and the feed"))

        let again = await cli.run("detect")
        #expect(again.exitCode == 0)
        #expect(again.output.contains("nothing to detect"))

        cli.now = "2024-03-05T16:30:00Z"
        let later = await cli.run("detect")
        #expect(later.output.contains("ran 30 one-minute ticks up to 2024-03-05T16:30:00Z"))
        #expect(!later.output.contains("for notification hooks"))
    }

    @Test(arguments: [
        ["detect", "--from", "2024-03-05T00:00:00Z"],
        ["detect", "--to", "2024-03-05T00:00:00Z"],
        ["detect", "--from", "2024-03-05T12:00:00Z", "--to", "2024-03-05T11:00:00Z"],
        ["detect", "--from", "yesterday", "--to", "2024-03-05T11:00:00Z"],
    ])
    func detectWithAnIncompleteOrBackwardRangeIsAUsageError(arguments: [String]) async {
        let result = await CLIHarness().run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.errorOutput.contains("--from") || result.errorOutput.contains("--to"), "\(result.errorOutput)")
    }

    @Test func detectOnAnEmptyDatabaseSaysThereIsNothingToDetect() async {
        let result = await CLIHarness().run("detect")
        #expect(result.exitCode == 0)
        #expect(result.output.contains("nothing to detect"))
    }

    // MARK: incidents

    @Test func incidentsTableCarriesTheUnofficialLabel() async throws {
        let cli = try Self.seededHarness()
        _ = await cli.run("detect")
        let result = await cli.run("incidents")
        #expect(result.exitCode == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Unofficial:") == true)
        let header = try #require(lines.first { $0.hasPrefix("ID") })
        #expect(header.hasSuffix("LABEL"))
        let rows = lines.filter { $0.contains("/20240305T") }
        #expect(rows.count >= 3)
        for row in rows { #expect(row.hasSuffix("unofficial"), "\(row)") }
        #expect(result.output.contains("Related services failing together:"))
    }

    @Test func incidentsJSONParsesAndFiltersByServiceAndActivity() async throws {
        let cli = try Self.seededHarness(now: "2024-03-05T16:00:00Z")
        _ = await cli.run("detect")
        let all = try Self.jsonObject(await cli.run("incidents", "--json").output)
        #expect(all["label"] as? String == "unofficial")
        let incidents = try #require(all["incidents"] as? [[String: Any]])
        #expect(incidents.count >= 3)
        #expect(incidents.allSatisfy { $0["label"] as? String == "unofficial" })

        let whatsapp = try Self.jsonObject(await cli.run("incidents", "--json", "--service", "whatsapp").output)
        let whatsappIncidents = try #require(whatsapp["incidents"] as? [[String: Any]])
        #expect(!whatsappIncidents.isEmpty)
        #expect(whatsappIncidents.allSatisfy { $0["service"] as? String == "whatsapp" })

        let gmail = await cli.run("incidents", "--service", "gmail")
        #expect(gmail.output.contains("no incidents"))

        // Mid-outage everything is open; after the day's end, nothing is.
        let active = try Self.jsonObject(await cli.run("incidents", "--json", "--active").output)
        let activeIncidents = try #require(active["incidents"] as? [[String: Any]])
        #expect(activeIncidents.count == incidents.count)
        #expect(activeIncidents.allSatisfy { $0["status"] as? String == "open" })

        var tomorrow = cli
        tomorrow.now = "2024-03-06T00:00:00Z"
        _ = await tomorrow.run("detect")
        let none = await tomorrow.run("incidents", "--active")
        #expect(none.output.contains("no incidents"))
        let resolved = await tomorrow.run("incidents", "--service", "whatsapp")
        #expect(resolved.output.contains("resolved"))
    }

    @Test func incidentsWithABadServiceSlugIsAUsageError() async {
        let result = await CLIHarness().run("incidents", "--service", "Not A Slug")
        #expect(result.exitCode == 64)
    }

    // MARK: export

    @Test func exportWritesAParseableJSONFile() async throws {
        let cli = try Self.seededHarness()
        _ = await cli.run("detect")
        let path = cli.folder.path("incidents.json")
        let result = await cli.run("export", "--format", "json", "--output", path)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let document = try Self.jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        let incidents = try #require(document["incidents"] as? [[String: Any]])
        #expect(result.errorOutput.contains("wrote \(incidents.count) incidents to \(path)"))
        #expect(incidents.count >= 3)
        #expect(document["generated_at"] as? String == "2024-03-05T16:00:00Z")
        #expect(document["label"] as? String == "unofficial")
        #expect((document["group_events"] as? [Any])?.count == 1)
        for incident in incidents {
            #expect(incident["ended_at"] is NSNull, "open incidents have ended_at null")
        }
    }

    @Test func exportWithoutOutputPrintsTheSameDocument() async throws {
        let cli = try Self.seededHarness()
        _ = await cli.run("detect")
        let printed = try Self.jsonObject(await cli.run("export", "--service", "instagram").output)
        let incidents = try #require(printed["incidents"] as? [[String: Any]])
        #expect(!incidents.isEmpty && incidents.allSatisfy { $0["service"] as? String == "instagram" })
    }

    // MARK: status

    @Test func statusOverviewPutsTroubledServicesFirst() async throws {
        let cli = try Self.seededHarness()
        _ = await cli.run("detect")
        let result = await cli.run("status")
        #expect(result.exitCode == 0)
        #expect(result.output.contains("Status as of 2024-03-05T16:00:00Z — unofficial"))
        let rows = result.output.split(separator: "\n").dropFirst(2).map(String.init)
        #expect(rows.count == 4)
        #expect(rows.prefix(3).allSatisfy { $0.contains("likely") }, "\(rows)")
        #expect(rows.last?.hasPrefix("gmail") == true && rows.last?.contains("normal") == true, "\(rows)")
    }

    @Test func statusOfAServiceShowsItsDayAsASparkline() async throws {
        let cli = try Self.seededHarness()
        _ = await cli.run("detect")
        let result = await cli.run("status", "whatsapp")
        #expect(result.exitCode == 0)
        #expect(result.output.contains("WhatsApp (whatsapp) — status as of 2024-03-05T16:00:00Z: LIKELY"))
        #expect(result.output.contains("Unofficial: based on user reports, not confirmed by WhatsApp."))
        let chart = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("  reports  ") })
        let bars = chart.dropFirst("  reports  ".count)
        #expect(bars.count == 96, "one bar per 15 minutes over the 24 hours up to the last tick")
        #expect(bars.allSatisfy { "▁▂▃▄▅▆▇█".contains($0) })
        #expect(bars.contains("█"))
        let openIncidents = "Open incidents:\n  • Unofficial: user reports indicate problems with WhatsApp"
        #expect(result.output.contains(openIncidents))
        #expect(result.output.contains("Top problems: login"))
    }

    @Test func statusBeforeAnyDetectionSaysSo() async throws {
        let cli = try Self.seededHarness()
        let result = await cli.run("status", "gmail")
        #expect(result.exitCode == 0)
        #expect(result.output.contains("Unofficial"))
        #expect(result.output.contains("No detection has run for this service yet"))
    }

    @Test func statusOfAnUnknownServiceFails() async throws {
        let cli = try Self.seededHarness()
        let result = await cli.run("status", "netflix")
        #expect(result.exitCode != 0)
        #expect(result.errorOutput.contains("netflix"))
    }

    // MARK: demo

    @Test(.timeLimit(.minutes(10)))
    func demoFindsTheMetaOutageEndToEnd() async throws {
        let result = await CLIHarness().run("demo", "--days", "3", "--seed", "2")
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let output = result.output
        #expect(output.contains("simulated user reports (not real data)"))
        #expect(output.contains("What Outcry found — Unofficial:"))
        let lines = output.split(separator: "\n").map(String.init)
        let heading = try #require(lines.first { $0.hasPrefix("Service-wide incidents (") })
        let count = Int(heading.dropFirst("Service-wide incidents (".count).prefix { $0.isNumber })
        #expect((count ?? 0) >= 4, "\(heading)")
        for name in ["Facebook", "Instagram", "Messenger", "Threads"] {
            #expect(
                lines.contains { $0.hasPrefix("  • Unofficial: user reports indicated problems with \(name)") },
                "no service-wide incident for \(name)")
        }
        #expect(lines.contains { $0.hasPrefix("  • [meta] Unofficial:") })
        #expect(!lines.contains { $0.contains("problems with Gmail") || $0.contains("problems with Netflix") })
    }

    // MARK: series

    @Test func seriesShowsTheDetectorsBaselineOnceDetectionHasRun() async throws {
        let cli = try Self.seededHarness()
        let arguments = [
            "series", "whatsapp", "--from", "2024-03-05T12:00:00Z", "--to", "2024-03-05T16:00:00Z", "--bucket", "60m",
            "--json",
        ]
        let before = try Self.jsonObject(await cli.run(arguments).output)
        let bucketsBefore = try #require(before["buckets"] as? [[String: Any]])
        #expect(bucketsBefore.count == 4)
        // No detector state yet: the baseline is unknown, not zero.
        #expect(bucketsBefore.allSatisfy { $0["baseline"] == nil })
        _ = await cli.run("detect")
        let after = try Self.jsonObject(await cli.run(arguments).output)
        let bucketsAfter = try #require(after["buckets"] as? [[String: Any]])
        #expect(after["label"] as? String == "unofficial")
        #expect(bucketsAfter.map { $0["counted"] as? Int } == bucketsBefore.map { $0["counted"] as? Int })
        #expect(bucketsAfter.allSatisfy { ($0["baseline"] as? Double).map { $0 >= 0 } ?? false })
        let table = await cli.run(Array(arguments.dropLast()))
        #expect(table.output.contains("BASELINE"))
    }
}
