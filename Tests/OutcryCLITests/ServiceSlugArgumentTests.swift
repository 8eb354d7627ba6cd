import Testing

/// Service slugs as argument types: every command that takes a slug refuses a bad one as a usage error (exit 64)
/// that names the argument, quotes the value, says what is wrong and what is allowed.
@Suite(.timeLimit(.minutes(10))) struct ServiceSlugArgumentTests {
    static let rule = "is not a service slug; use lower-case letters, digits and '-', starting with a letter or digit"

    @Test(arguments: [
        (["status", "Bad!"], "<service>"), (["history", "Bad!"], "<service>"), (["series", "Bad!"], "<service>"),
        (["service", "add", "Bad!"], "<slug>"), (["service", "set", "Bad!", "--sensitivity", "high"], "<slug>"),
        (["service", "remove", "Bad!"], "<slug>"), (["service", "quiet-list", "Bad!"], "<slug>"),
        (["official", "remove", "Bad!"], "<service>"), (["official", "incidents", "Bad!"], "<service>"),
        (["official", "sync", "Bad!"], "<service>"),
        (["notify", "add", "webhook", "https://example.org/hook", "--service", "Bad!"], "--service <service>"),
    ])
    func aBadSlugNamesTheArgumentAndTheRule(arguments: [String], argument: String) async {
        let result = await CLIHarness().run(arguments)
        #expect(result.exitCode == 64, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("'\(argument)'"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("\"Bad!\" \(Self.rule)"), "\(result.errorOutput)")
    }

    @Test func emptyAndOverlongSlugsSayWhy() async {
        let empty = await CLIHarness().run("status", "")
        #expect(
            empty.exitCode == 64 && empty.errorOutput.contains("is empty; expected a service slug like \"whatsapp\""))
        let long = await CLIHarness().run("history", String(repeating: "a", count: 64))
        #expect(long.exitCode == 64 && long.errorOutput.contains("is longer than 63 characters"))
    }

    @Test func aGoodSlugReachesTheCommand() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let status = await cli.run("status", "whatsapp")
        #expect(status.exitCode == 0 && status.output.contains("(whatsapp)"))
        let unknown = await cli.run("status", "nope")
        #expect(unknown.exitCode != 0 && unknown.errorOutput.contains("nope"))
    }

    @Test func seriesRangeErrorsNameTheOptions() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        let backwards = await cli.run(
            "series", "whatsapp", "--from", "2024-03-05T15:00:00Z", "--to", "2024-03-05T14:00:00Z")
        #expect(backwards.exitCode == 64 && backwards.errorOutput.contains("--from must be before --to"))
        let wide = await cli.run(
            "series", "whatsapp", "--bucket", "1m", "--from", "2000-01-01T00:00:00Z", "--to", "2024-03-05T14:00:00Z")
        #expect(wide.exitCode == 64, "\(wide.errorOutput)")
        #expect(wide.errorOutput.contains("more than 1000000 buckets of 1m; use a wider --bucket or a shorter range"))
        let bucket = await cli.run("series", "whatsapp", "--bucket", "7m")
        #expect(bucket.exitCode == 64 && bucket.errorOutput.contains("--bucket \"7m\" is not allowed"))
    }
}
