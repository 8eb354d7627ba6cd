import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

// Not serialized: every test detects into its own database (its own CLIHarness) and prints to its own
// task-local console, so the tests share nothing.
/// `outcry export --format …` and `outcry history` on the fixture's Meta outage, detected through the CLI.
@Suite(.timeLimit(.minutes(10))) struct ExportFormatsTests {
    /// A harness whose database holds the fixture, replayed with `outcry detect --from --to`.
    static func detectedHarness() async throws -> CLIHarness {
        var harness = CLIHarness()
        harness.now = OutageFixture.end.iso8601
        try OutageFixture.seedAllReports(path: harness.databasePath)
        let detect = await harness.run(
            "detect", "--from", OutageFixture.start.iso8601, "--to", OutageFixture.end.iso8601)
        #expect(detect.exitCode == 0, "\(detect.errorOutput)")
        return harness
    }

    @Test func everyFormatExportsTheOutage() async throws {
        let harness = try await Self.detectedHarness()
        for format in ["json", "csv", "markdown", "svg", "html", "statuspage"] {
            let result = await harness.run("export", "--format", format, "--group", "meta")
            #expect(result.exitCode == 0, "\(format): \(result.errorOutput)")
            #expect(result.output.lowercased().contains("unofficial"), "\(format)")
            switch format {
            case "csv": #expect(result.output.hasPrefix("id,service,group,region,scope,level,status,"))
            case "svg": #expect(result.output.hasPrefix("<?xml") && result.output.contains("usual level and range"))
            case "html": #expect(result.output.hasPrefix("<!DOCTYPE html>") && result.output.contains("<svg"))
            case "markdown": #expect(result.output.hasPrefix("# Outcry incident report:"))
            default: #expect(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) is [String: Any])
            }
        }
    }

    @Test func incidentOptionChartsOneIncidentToAFile() async throws {
        let harness = try await Self.detectedHarness()
        let json = await harness.run("export", "--format", "json", "--service", "whatsapp", "--region", "global")
        let document = try JSONDecoder().decode(IncidentExportDocument.self, from: Data(json.output.utf8))
        let incident = try #require(document.incidents.first)
        let path = harness.folder.path("incident.svg")
        let result = await harness.run("export", "--format", "svg", "--incident", incident.id, "--output", path)
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("wrote 1 incidents to"))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("WhatsApp (whatsapp) ") == false && svg.contains("WhatsApp (whole service)"))
    }

    @Test func unknownIncidentFails() async throws {
        let harness = try await Self.detectedHarness()
        let result = await harness.run("export", "--format", "svg", "--incident", "nope/global/1")
        #expect(result.exitCode != 0)
        #expect(result.errorOutput.contains("nope/global/1"))
    }

    @Test func statuspageTakesThePageURL() async throws {
        let harness = try await Self.detectedHarness()
        let result = await harness.run("export", "--format", "statuspage", "--page-url", "https://status.example.org/")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let page = try #require(json["page"] as? [String: Any])
        #expect(page["url"] as? String == "https://status.example.org")
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        #expect(
            incidents.allSatisfy {
                ($0["shortlink"] as? String)?.hasPrefix("https://status.example.org/incidents/") == true
            })
    }

    @Test func unknownFormatIsAUsageError() async {
        let harness = CLIHarness()
        let result = await harness.run("export", "--format", "pdf")
        #expect(result.exitCode == 64)
    }

    @Test func historyShowsTheYear() async throws {
        let harness = try await Self.detectedHarness()
        let result = await harness.run("history", "whatsapp", "--year", "2024")
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("WhatsApp (whatsapp) — incident history in 2024\nUnofficial:"))
        #expect(result.output.contains("Incidents:"))
        #expect(result.output.contains("2024"))
        let none = await harness.run("history", "whatsapp", "--year", "2023")
        #expect(none.output.contains("none recorded"))
        let unknown = await harness.run("history", "nosuchservice")
        #expect(unknown.exitCode != 0)
    }
}
