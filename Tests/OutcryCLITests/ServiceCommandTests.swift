import Testing

@Suite(.timeLimit(.minutes(10))) struct ServiceCommandTests {
    @Test func addIsIdempotentForIdenticalValuesAndRefusesConflicts() async {
        let cli = CLIHarness()
        let added = await cli.run("service", "add", "whatsapp", "--name", "WhatsApp", "--group", "meta")
        #expect(added.exitCode == 0)
        #expect(added.output.contains("added service whatsapp (WhatsApp) in group meta"))
        let again = await cli.run("service", "add", "whatsapp", "--name", "WhatsApp", "--group", "meta")
        #expect(again.exitCode == 0)
        #expect(again.output.contains("already exists"))
        let conflict = await cli.run("service", "add", "whatsapp", "--name", "WhatsApp", "--group", "google")
        #expect(conflict.exitCode == 1)
        #expect(conflict.errorOutput.contains("group meta"))
    }

    @Test(arguments: ["WhatsApp", "-lead", "has space", "", String(repeating: "a", count: 64)])
    func badSlugIsAUsageError(slug: String) async {
        let result = await CLIHarness().run("service", "add", slug)
        #expect(result.exitCode == 64)
        #expect(result.errorOutput.contains("slug"))
    }

    @Test func listShowsServicesWithGroupAndProblems() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "instagram", "--group", "meta", "--problems", "login,app")
        _ = await cli.run("service", "add", "gmail")
        let list = await cli.run("service", "list")
        #expect(list.exitCode == 0)
        let lines = list.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("gmail") && lines[1].contains("all"))
        #expect(lines[2].contains("instagram") && lines[2].contains("meta") && lines[2].contains("app,login") == false)
        #expect(lines[2].contains("login,app"))
    }

    @Test func removeRefusesWhileReportsExistUnlessAsked() async {
        let cli = CLIHarness()
        _ = await cli.run("service", "add", "whatsapp")
        _ = await cli.run("report", "whatsapp", "--region", "US")
        let refused = await cli.run("service", "remove", "whatsapp")
        #expect(refused.exitCode == 1)
        #expect(refused.errorOutput.contains("--with-reports"))
        let removed = await cli.run("service", "remove", "whatsapp", "--with-reports")
        #expect(removed.exitCode == 0)
        #expect(removed.output.contains("1 reports"))
        let list = await cli.run("service", "list")
        #expect(list.output.contains("no services yet"))
    }
}
