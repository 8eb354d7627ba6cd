import Foundation
import OutcryTestSupport
import Testing

/// `outcry migrate` and `outcry prune --before DATE`.
@Suite(.timeLimit(.minutes(10)))
struct MaintenanceCommandTests {
    @Test func migrateNamesTheBackendAndTheDatabase() async {
        let cli = CLIHarness()
        let migrated = await cli.run("migrate")
        #expect(migrated.exitCode == 0)
        #expect(migrated.output.contains("sqlite database \(cli.databasePath) is up to date"))
    }

    @Test func pruneDeletesTheReportsOfEarlierDaysAndKeepsTheCounts() async {
        var cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        for (day, reporter) in [("2024-03-01", "a"), ("2024-03-02", "b"), ("2024-03-04", "c")] {
            cli.now = "\(day)T12:00:00Z"
            #expect(await cli.run("report", "whatsapp", "--region", "DE", "--reporter", reporter).exitCode == 0)
        }
        cli.now = "2024-03-05T16:00:00Z"
        let seriesBefore = await cli.run(
            "series", "whatsapp", "--region", "DE", "--from", "2024-03-01T00:00:00Z", "--to", "2024-03-05T00:00:00Z",
            "--bucket", "60m")
        let pruned = await cli.run("prune", "--before", "2024-03-03")
        #expect(pruned.exitCode == 0)
        #expect(pruned.output.contains("deleted 2 reports before 2024-03-03T00:00:00Z"))
        // The per-minute counts stay: the series reads the same.
        let seriesAfter = await cli.run(
            "series", "whatsapp", "--region", "DE", "--from", "2024-03-01T00:00:00Z", "--to", "2024-03-05T00:00:00Z",
            "--bucket", "60m")
        #expect(seriesAfter.output == seriesBefore.output)
        // Nothing left to prune there.
        #expect((await cli.run("prune", "--before", "2024-03-03")).output.contains("deleted 0 reports"))
    }

    @Test(arguments: [
        ("2024-03-03T12:00:00Z", "is not the start of a UTC day"),
        ("2024-03-06", "newer than the duplicate cooldown"),
        ("yesterday", "--before"),
    ])
    func pruneRefusesWhatIsNotAPastDay(before: String, message: String) async {
        let cli = CLIHarness()
        let refused = await cli.run("prune", "--before", before)
        #expect(refused.exitCode != 0)
        #expect(refused.errorOutput.contains(message), "\(refused.errorOutput)")
    }
}
