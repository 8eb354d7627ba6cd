import ArgumentParser
import OutcryEngine
import OutcryStore

/// `outcry migrate`: brings the database's schema up to date (every command also does on first use).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the database's schema (SQLite file or PostgreSQL).",
        discussion: """
            Every command migrates on first use; run this once before starting several daemons on one \
            PostgreSQL database, or to check that the schema is current. A database written by a newer outcry \
            is refused, never downgraded.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let engine = try global.openEngine()
        defer { engine.close() }
        Console.current.line("\(engine.storageLocation.backend) database \(engine.storageLocation) is up to date")
    }
}
