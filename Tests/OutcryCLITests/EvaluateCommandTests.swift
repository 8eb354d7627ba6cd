import Foundation
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry evaluate` and `outcry service set --sensitivity`: arguments, errors and output.
@Suite(.timeLimit(.minutes(10))) struct EvaluateCommandTests {
    static let labels = """
        {"instagram": [["2024-03-05T15:00:00Z", "2024-03-05T16:15:00Z"]],
         "messenger": [["2024-03-05T15:00:00Z", "2024-03-05T16:15:00Z"]],
         "whatsapp": [["2024-03-05T15:00:00Z", "2024-03-05T16:15:00Z"]],
         "gmail": []}
        """

    @Test func printsATablePerServiceAndATotalSayingIncidentsAreUnofficial() async throws {
        let cli = try DetectionCommandTests.seededHarness()
        let labels = try cli.folder.write("labels.json", Self.labels)
        let result = await cli.run(
            "evaluate", "--windows", labels, "--from", "2024-03-05T12:00:00Z", "--to", "2024-03-05T18:00:00Z")
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("scratch copy; the live incidents are untouched") })
        #expect(lines.contains { $0.contains("unofficial indicators") })
        let header = try #require(lines.first { $0.hasPrefix("SERVICE") })
        #expect(header.contains("FALSE INCIDENTS (UNOFFICIAL)") && header.contains("NAB SCORE"))
        let total = try #require(lines.first { $0.hasPrefix("total") })
        #expect(total.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["total", "3", "3", "0"])
        #expect(lines.contains { $0.hasPrefix("gmail") && $0.contains("normal") })
        // The live database holds no incident: the replay went into the copy.
        let incidents = await cli.run("incidents", "--json")
        #expect(!incidents.output.contains("\"detected_at\""))
    }

    @Test func jsonHasExactlyTheDocumentedKeys() async throws {
        let cli = try DetectionCommandTests.seededHarness()
        let labels = try cli.folder.write("labels.json", Self.labels)
        let result = await cli.run(
            "evaluate", "--windows", labels, "--from", "2024-03-05T12:00:00Z", "--to", "2024-03-05T18:00:00Z",
            "--sensitivity", "HIGH", "--json"
        )
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let json = try DetectionCommandTests.jsonObject(result.output)
        let metricKeys: Set<String> = [
            "recall", "false_incidents", "false_incidents_per_service_week", "latency_median_minutes",
            "latency_p90_minutes", "nab_score", "windows", "found", "missed",
        ]
        #expect(Set(json.keys) == metricKeys.union(["services", "range", "sensitivity"]))
        #expect(json["sensitivity"] as? String == "high")
        #expect(json["found"] as? Int == 3)
        let range = try #require(json["range"] as? [String: Any])
        #expect(range["from"] as? String == "2024-03-05T12:00:00Z")
        #expect(range["to"] as? String == "2024-03-05T18:00:00Z")
        let services = try #require(json["services"] as? [String: [String: Any]])
        #expect(Set(services.keys) == ["gmail", "instagram", "messenger", "whatsapp"])
        #expect(services.values.allSatisfy { Set($0.keys) == metricKeys })
        #expect(services["gmail"]?["recall"] is NSNull)
    }

    @Test(arguments: [
        (["--windows", "x.json", "--sensitivity", "extreme"], "allowed: low, normal, high"),
        (
            ["--windows", "x.json", "--probation-percent", "100"],
            "--probation-percent must be at least 0 and below 100"
        ),
        (["--windows", "x.json", "--probation-percent", "-1"], "--probation-percent"),
        (["--windows", "x.json", "--from", "yesterday"], "--from \"yesterday\" is not a time"),
        (
            ["--windows", "x.json", "--from", "2024-03-05T12:00:00Z", "--to", "2024-03-05T12:00:30Z"],
            "--from must be at least a minute before --to"
        ),
        (["--windows", ""], "--windows is empty"),
        ([], "--windows"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) async {
        let result = await CLIHarness().run(["evaluate"] + arguments)
        #expect(result.exitCode == 64, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test func badWindowsFilesAndUnknownServicesFailClearly() async throws {
        let cli = try DetectionCommandTests.seededHarness()
        let missing = await cli.run("evaluate", "--windows", cli.folder.path("nope.json"))
        #expect(missing.exitCode == 1)
        #expect(missing.errorOutput.contains("nope.json: cannot be read"))
        let unknown = try cli.folder.write(
            "unknown.json", #"{"netflix": [["2024-03-05T15:00:00Z", "2024-03-05T16:00:00Z"]]}"#)
        let refused = await cli.run("evaluate", "--windows", unknown)
        #expect(refused.exitCode == 1)
        #expect(refused.errorOutput.contains("service \"netflix\" is not monitored"))
        let backwards = try cli.folder.write(
            "backwards.json", #"{"whatsapp": [{"start": "2024-03-05T15:00:00Z", "end": "2024-03-05T14:00:00Z"}]}"#)
        let reversed = await cli.run("evaluate", "--windows", backwards)
        #expect(reversed.exitCode == 1)
        #expect(reversed.errorOutput.contains("whatsapp[0]: ends (2024-03-05T14:00:00Z) before it starts"))
        let official = await cli.run("evaluate", "--windows", "official")
        #expect(official.exitCode == 1)
        #expect(official.errorOutput.contains("no service is linked to an official status page"))
    }

    // MARK: service set --sensitivity

    @Test func serviceSetChangesTheSensitivityAndListShowsIt() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        _ = await cli.run("service", "add", "gmail")
        let set = await cli.run("service", "set", "whatsapp", "--sensitivity", "high")
        #expect(set.exitCode == 0, "\(set.errorOutput)")
        #expect(set.output.contains("service whatsapp: sensitivity normal → high"))
        let again = await cli.run("service", "set", "whatsapp", "--sensitivity", "high")
        #expect(again.output.contains("already has sensitivity high"))
        let list = await cli.run("service", "list")
        let lines = list.output.split(separator: "\n")
        #expect(lines[0].hasSuffix("SENSITIVITY"))
        #expect(lines.contains { $0.hasPrefix("whatsapp") && $0.hasSuffix("high") })
        #expect(lines.contains { $0.hasPrefix("gmail") && $0.hasSuffix("normal") })
        // Adding the service again with the same values keeps its sensitivity.
        _ = await cli.run("service", "add", "whatsapp")
        #expect(
            await cli.run("service", "list").output.split(separator: "\n").contains {
                $0.hasPrefix("whatsapp") && $0.hasSuffix("high")
            })
    }

    @Test func serviceSetRefusesBadValuesAndUnknownServices() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let bad = await cli.run("service", "set", "whatsapp", "--sensitivity", "max")
        #expect(bad.exitCode == 64)
        #expect(bad.errorOutput.contains("--sensitivity \"max\" is not a sensitivity; allowed: low, normal, high"))
        let nothing = await cli.run("service", "set", "whatsapp")
        #expect(nothing.exitCode == 64)
        #expect(nothing.errorOutput.contains("pass --sensitivity low|normal|high"))
        let unknown = await cli.run("service", "set", "netflix", "--sensitivity", "low")
        #expect(unknown.exitCode == 1)
        #expect(unknown.errorOutput.contains("service \"netflix\" is not monitored"))
        let badSlug = await cli.run("service", "set", "Net Flix", "--sensitivity", "low")
        #expect(badSlug.exitCode == 64)
    }
}
