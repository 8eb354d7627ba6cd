import ArgumentParser
import OutcryCLI
import Testing

/// `outcry daemon --embed-origins LIST`: checked when the command is parsed, before anything opens.
@Suite(.timeLimit(.minutes(10)))
struct DaemonEmbedOriginsTests {
    @Test func aValidListParses() throws {
        _ = try OutcryCommand.parseAsRoot(["daemon", "--embed-origins", "https://example.org,http://127.0.0.1:8001"])
    }

    @Test(arguments: [
        ("example.org", #"--embed-origins: entry 1 "example.org" does not start with http:// or https://"#),
        ("https://example.org,https://a.example/path", #"entry 2 "https://a.example/path" holds "/""#),
        ("https://example.org,", "entry 2 is empty"),
    ])
    func aBadListIsAUsageErrorNamingTheEntry(list: String, expected: String) async {
        let result = await CLIHarness().runRaw(["daemon", "--embed-origins", list])
        #expect(result.exitCode == 64)
        #expect(result.errorOutput.contains(expected), "\(result.errorOutput)")
    }
}
