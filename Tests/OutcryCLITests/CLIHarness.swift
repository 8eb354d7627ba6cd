import ArgumentParser
import OutcryCLI
import OutcryTestSupport

/// What one in-process run of `outcry` printed and its exit status.
struct CLIResult {
    var exitCode: Int32
    var output: String
    var errorOutput: String
}

/// Runs `outcry` commands in-process against a temporary database, with the clock fixed by `--now`.
struct CLIHarness {
    let folder = TemporaryDirectory(prefix: "outcry-cli")
    var now = "2024-03-05T16:00:00Z"

    var databasePath: String { folder.path("outcry.sqlite") }

    /// Runs `outcry ARGS --db <temp> --now <now>` and captures what it printed.
    func run(_ arguments: [String]) async -> CLIResult {
        await runRaw(arguments + ["--db", databasePath, "--now", now])
    }

    /// Runs `outcry ARGS` exactly as given.
    func runRaw(_ arguments: [String]) async -> CLIResult {
        let console = Console(capturing: true)
        do {
            var command = try OutcryCommand.parseAsRoot(arguments)
            try await Console.$current.withValue(console) {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            return CLIResult(exitCode: 0, output: console.output, errorOutput: console.errorOutput)
        } catch {
            let message = OutcryCommand.message(for: error)
            return CLIResult(
                exitCode: OutcryCommand.exitCode(for: error).rawValue, output: console.output,
                errorOutput: console.errorOutput + (message.isEmpty ? "" : message + "\n")
            )
        }
    }

    func run(_ arguments: String...) async -> CLIResult { await run(arguments) }
}
