import ArgumentParser
import Foundation
import OutcryCLI
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportCommandTests {
    @Test func reportPrintsTheStoredReportAndWhetherItCounted() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let first = await cli.run(
            "report", "whatsapp", "--region", "us", "--problem", "login", "--reporter", "device-1")
        #expect(first.exitCode == 0)
        #expect(first.output.contains("whatsapp US login at 2024-03-05T16:00:00Z — counted"))
        let again = await cli.run("report", "whatsapp", "--region", "DE", "--reporter", "device-1")
        #expect(again.output.contains("not counted: duplicate"))
        let anonymous = await cli.run("report", "whatsapp", "--region", "DE")
        #expect(anonymous.output.contains("counted (anonymous)"))
    }

    @Test(arguments: [
        (["--region", "XX"], "region \"XX\" is not an ISO 3166-1 code"),
        (["--region", "US", "--problem", "boom"], "not a problem kind"),
        (["--region", "US", "--at", "2024-03-05T16:06:00Z"], "more than 5 minutes in the future"),
        (["--region", "US", "--comment", String(repeating: "x", count: 281)], "at most 280"),
        (["--region", "global"], "reserved"),
    ])
    func badReportsAreRefusedWithTheReason(arguments: [String], message: String) async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let result = await cli.run(["report", "whatsapp"] + arguments)
        #expect(result.exitCode == 1)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test func unknownServiceGetsTheHint() async {
        let result = await CLIHarness().run("report", "nosuch", "--region", "US")
        #expect(result.errorOutput.contains("outcry service add nosuch"))
    }
}

@Suite(.timeLimit(.minutes(10))) struct ImportCommandTests {
    func harnessWithService() async -> CLIHarness {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp", "--problems", "login,app,connection,other")
        return cli
    }

    @Test func importsGoodLinesAndReportsBadOnesByNumber() async throws {
        let cli = await harnessWithService()
        let lines = [
            #"{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"device-123"}"#,
            #"{"service":"whatsapp","region":"XX","at":"2024-03-05T15:12:03Z"}"#,
            "",
            #"{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:13:03Z","reporter":"device-123"}"#,
            #"{"service":"whatsapp","region":"US","problem":"payments","at":"2024-03-05T15:13:03Z"}"#,
            #"{"service":"netflix","region":"US","at":"2024-03-05T15:13:03Z"}"#,
            #"{"service":"whatsapp","region":"US","at":"2031-01-01T00:00:00Z"}"#,
            #"{"service":"whatsapp","region":5,"at":"2024-03-05T15:13:03Z"}"#,
            #"{"service":"whatsapp","region":"DE","at":1709651583}"#,
            #"{"service":"whatsapp","regi"#,
        ]
        let path = try cli.folder.write("reports.jsonl", lines.joined(separator: "\r\n"))
        let result = await cli.run("import", path)
        #expect(result.exitCode == 1)
        #expect(result.output == "imported 3 reports: 2 counted, 1 duplicate, 6 rejected\n")
        let errors = result.errorOutput.split(separator: "\n").map(String.init)
        #expect(errors.count == 6)
        #expect(errors[0] == "line 2: region \"XX\" is not an ISO 3166-1 code")
        #expect(errors[1].hasPrefix("line 5: problem \"payments\" is not accepted for whatsapp"))
        #expect(errors[2].hasPrefix("line 6:") && errors[2].contains("outcry service add netflix"))
        #expect(errors[3].hasPrefix("line 7:") && errors[3].contains("future"))
        #expect(errors[4].hasPrefix("line 8: region must be a string"))
        #expect(errors[5].hasPrefix("line 10:"))
    }

    @Test func importsCSVWithQuotedComments() async throws {
        let cli = await harnessWithService()
        let csv = """
            service,region,problem,at,reporter,comment
            whatsapp,US,login,2024-03-05T15:12:03Z,a,"cannot log in, again"
            whatsapp,DE,,2024-03-05T15:12:04Z,,
            whatsapp,FR,app,not-a-time,b,
            """
        let path = try cli.folder.write("reports.csv", csv + "\n")
        let result = await cli.run("import", path)
        #expect(result.output == "imported 2 reports: 2 counted, 0 duplicate, 1 rejected\n")
        #expect(result.errorOutput.contains("line 4: at \"not-a-time\" is not a time"))
    }

    @Test func emptyFileImportsNothingAndSucceeds() async throws {
        let cli = await harnessWithService()
        let path = try cli.folder.write("empty.jsonl", "")
        let result = await cli.run("import", path)
        #expect(result.exitCode == 0)
        #expect(result.output == "imported 0 reports: 0 counted, 0 duplicate, 0 rejected\n")
    }

    @Test func invalidUTF8LineIsSkippedAndTheRestKept() async throws {
        let cli = await harnessWithService()
        var bytes = Array(#"{"service":"whatsapp","region":"US","at":"2024-03-05T15:12:03Z","comment":""#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}\n".utf8)
        bytes += Array(#"{"service":"whatsapp","region":"US","at":"2024-03-05T15:12:03Z"}"#.utf8)
        let path = try cli.folder.write("bad.jsonl", bytes: bytes)
        let result = await cli.run("import", path)
        #expect(result.output == "imported 1 reports: 1 counted, 0 duplicate, 1 rejected\n")
        #expect(result.errorOutput.contains("line 1:") && result.errorOutput.contains("UTF-8"))
    }

    @Test func tenMegabyteLineIsRejectedWithoutLosingTheNextLine() async throws {
        let cli = await harnessWithService()
        let huge =
            #"{"service":"whatsapp","region":"US","at":"2024-03-05T15:12:03Z","comment":""#
            + String(repeating: "a", count: 10 << 20) + "\"}"
        let good = #"{"service":"whatsapp","region":"DE","at":"2024-03-05T15:12:03Z"}"#
        let path = try cli.folder.write("huge.jsonl", huge + "\n" + good + "\n")
        let result = await cli.run("import", path)
        #expect(result.output == "imported 1 reports: 1 counted, 0 duplicate, 1 rejected\n")
        #expect(result.errorOutput.contains("line 1: line is longer than 1048576 bytes"))
    }

    @Test func missingFileAndBadFormatAreClearErrors() async {
        let cli = await harnessWithService()
        let missing = await cli.run("import", cli.folder.path("nope.jsonl"))
        #expect(missing.exitCode == 1)
        #expect(missing.errorOutput.contains("No such file"))
        let format = await cli.run("import", "--format", "xml", cli.folder.path("nope.jsonl"))
        #expect(format.exitCode == 64)
    }

    @Test func databaseInAMissingFolderIsAClearError() async {
        let result = await CLIHarness().runRaw(["service", "list", "--db", "/nonexistent-outcry/x.sqlite"])
        #expect(result.exitCode == 1)
        #expect(result.errorOutput.contains("the folder /nonexistent-outcry does not exist"))
    }
}
