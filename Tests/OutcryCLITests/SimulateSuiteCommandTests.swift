import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry simulate --scenario suite`: the reports, the ground truth files and the registered services.
@Suite(.timeLimit(.minutes(10))) struct SimulateSuiteCommandTests {
    @Test func writesReportsWindowsAndKindsAndRegistersTheServices() async throws {
        let cli = CLIHarness()
        let reports = cli.folder.path("suite.jsonl")
        let windows = cli.folder.path("windows.json")
        let kinds = cli.folder.path("kinds.json")
        let result = await cli.run(
            "simulate", "--scenario", "suite", "--days", "7", "--seed", "2", "--out", reports, "--windows-out", windows,
            "--kinds-out", kinds, "--register-services"
        )
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        let suite = SimulationScenario.suite(days: 7, seed: 2)
        #expect(try String(contentsOfFile: windows, encoding: .utf8) == suite.windowsJSON)
        #expect(try String(contentsOfFile: kinds, encoding: .utf8) == suite.kindsJSON)
        let lines = try String(contentsOfFile: reports, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 100_000)
        #expect(lines.first?.contains(#""at":"2024-02-05T00:0"#) == true)

        let listed = await cli.run("service", "list")
        #expect(listed.exitCode == 0)
        for suiteCase in suite.cases {
            #expect(listed.output.contains(suiteCase.slug.rawValue), "\(suiteCase.slug) is registered")
        }
        #expect(listed.output.contains("suite-group-1"))
    }

    @Test func refusesGroundTruthFilesForOtherScenariosAndShortSuites() async {
        let cli = CLIHarness()
        let meta = await cli.run("simulate", "--scenario", "meta", "--windows-out", cli.folder.path("w.json"))
        #expect(meta.exitCode != 0)
        #expect(meta.errorOutput.contains("--scenario suite"))
        let short = await cli.run("simulate", "--scenario", "suite", "--days", "5")
        #expect(short.exitCode != 0)
        #expect(short.errorOutput.contains("7…366"))
    }
}
