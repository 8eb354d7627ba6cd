import Testing

/// Time options (`--now`, `--since`, `--from`, …) all read ISO 8601 or epoch seconds and refuse anything else
/// with the same message (Timestamp+Formatting.swift), as a usage error.
@Suite(.timeLimit(.minutes(10))) struct TimeArgumentTests {
    static let hint = "is not a time; use ISO 8601 such as 2024-03-05T15:12:03Z, or epoch seconds"

    @Test(arguments: [
        ["status", "whatsapp", "--now", "yesterday"],
        ["incidents", "--since", "yesterday"],
        ["series", "whatsapp", "--from", "yesterday"],
    ])
    func refusesTextThatIsNotATimeWithTheOneMessage(arguments: [String]) async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        // The harness adds a valid `--now` unless the case is about `--now` itself.
        let result: CLIResult
        if arguments.contains("--now") {
            result = await cli.runRaw(arguments + ["--db", cli.databasePath])
        } else {
            result = await cli.run(arguments)
        }
        #expect(result.exitCode == 64, "\(result.errorOutput)")
        let option = arguments.first { $0.hasPrefix("--") } ?? ""
        #expect(result.errorOutput.contains("\(option) \"yesterday\" \(Self.hint)"), "\(result.errorOutput)")
    }

    @Test func acceptsEpochSecondsAndISO8601Alike() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let epoch = await cli.run("incidents", "--since", "1709640000")
        let iso = await cli.run("incidents", "--since", "2024-03-05T12:00:00Z")
        #expect(epoch.exitCode == 0 && iso.exitCode == 0, "\(epoch.errorOutput) \(iso.errorOutput)")
        #expect(epoch.output == iso.output)
    }
}
