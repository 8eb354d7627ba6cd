import Testing

/// `outcry benchmark-detector`, the one user of the OutcryBenchmarks target.
@Suite(.timeLimit(.minutes(10))) struct BenchmarkCommandTests {
    @Test func timesTheDetectorOnASmallSyntheticRun() async {
        let result = await CLIHarness().runRaw([
            "benchmark-detector", "--series", "4", "--history-days", "0", "--days", "1",
        ])
        #expect(result.exitCode == 0, "\(result.errorOutput)")
        #expect(result.output.contains(" series, 0 days history, 1 days timed: "), "\(result.output)")
        #expect(result.output.contains("ns per series per tick"))
    }

    @Test func refusesRunsThatMeasureNothing() async {
        let result = await CLIHarness().runRaw(["benchmark-detector", "--series", "1"])
        #expect(result.exitCode == 64, "\(result.errorOutput)")
    }
}
