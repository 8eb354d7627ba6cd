import Foundation
import Testing

/// `outcry token add|list|revoke`: the token is printed once, only its hash is stored.
@Suite(.timeLimit(.minutes(10)))
struct TokenCommandTests {
    @Test func addPrintsTheTokenOnceAndStoresOnlyItsHash() async throws {
        let cli = CLIHarness()
        let added = await cli.run("token", "add", "partner-app", "--relay", "--rate", "500")
        #expect(added.exitCode == 0)
        let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("outcry_") && token.count == 50)
        #expect(added.errorOutput.contains("relay token partner-app (500 reports/s)"))
        // The database never holds the token itself (only its SHA-256).
        for file in [cli.databasePath, cli.databasePath + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(token.utf8)) == nil)
        }
        // Two tokens are never the same.
        let other = await cli.run("token", "add", "other")
        #expect(other.output != added.output)
    }

    @Test func listNeverShowsTokensAndRevokeHidesThem() async {
        let cli = CLIHarness()
        let relay = await cli.run("token", "add", "partner", "--relay")
        _ = await cli.run("token", "add", "office", "--rate", "0")
        let list = await cli.run("token", "list")
        #expect(list.exitCode == 0)
        #expect(list.output.contains("partner") && list.output.contains("relay") && list.output.contains("default"))
        #expect(list.output.contains("office") && list.output.contains("client") && list.output.contains("unlimited"))
        #expect(!list.output.contains("outcry_"))
        #expect(!list.output.contains(relay.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let revoked = await cli.run("token", "revoke", "partner")
        #expect(revoked.exitCode == 0)
        #expect(!(await cli.run("token", "list")).output.contains("partner"))
        #expect((await cli.run("token", "list", "--all")).output.contains("partner"))
        // Revoking again, or an unknown name, says so.
        let again = await cli.run("token", "revoke", "partner")
        #expect(again.exitCode != 0 && again.errorOutput.contains("no active token"))
        // The name is free again.
        #expect((await cli.run("token", "add", "partner")).exitCode == 0)
    }

    @Test(arguments: [
        ["token", "add", "has space"], ["token", "add", ""], ["token", "add", "x", "--rate", "-1"],
        ["token", "add", "x", "--rate", "nan"],
    ])
    func badNamesAndRatesAreRefused(arguments: [String]) async {
        let result = await CLIHarness().run(arguments)
        #expect(result.exitCode != 0)
        #expect(!result.errorOutput.isEmpty)
    }

    @Test func aNameInUseIsRefused() async {
        let cli = CLIHarness()
        _ = await cli.run("token", "add", "partner")
        let again = await cli.run("token", "add", "partner", "--relay")
        #expect(again.exitCode != 0 && again.errorOutput.contains("already exists"))
    }
}
