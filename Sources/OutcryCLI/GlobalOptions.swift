package import ArgumentParser
import Foundation
import Logging
package import OutcryEngine
import OutcryModel
import OutcryStore

/// Options every command takes: which database, how durable, and (hidden) a fixed "now" for reproducible runs.
package struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: an SQLite file, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DB for a shared PostgreSQL "
                + "store (default: $OUTCRY_DB, else ./outcry.sqlite). Created and migrated on first use."))
    package var db: String?

    @Option(name: .long, help: "Commit durability: normal (survives a crash) or full (survives power loss).")
    package var synchronous: SynchronousOption = .normal

    @Option(
        name: .long,
        help: ArgumentHelp("Pretend the current time is this (ISO 8601 or epoch seconds).", visibility: .hidden))
    package var now: String?

    package init() {}

    /// The database (a path or a `postgresql://` URL) after applying the `--db` > `OUTCRY_DB` >
    /// `./outcry.sqlite` rule.
    package var databasePath: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["OUTCRY_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "outcry.sqlite"
    }

    /// The clock (the injected ``TimeSource``): the system clock, or the fixed `--now`.
    package func clock() throws -> any TimeSource {
        guard let now else { return SystemTimeSource() }
        return FixedTimeSource(try parseTimeArgument(now, option: "--now"))
    }

    /// Opens the engine on the chosen database.
    /// - Parameter pageCacheKibibytes: SQLite's page cache (see ``StoreOptions/pageCacheKibibytes``).
    package func openEngine(pageCacheKibibytes: Int = StoreOptions().pageCacheKibibytes) throws -> Engine {
        var options = StoreOptions()
        options.synchronous = synchronous.mode
        options.pageCacheKibibytes = pageCacheKibibytes
        return try Engine.open(
            database: databasePath, options: options, clock: try clock(), logger: Logger(label: "outcry"))
    }
}

/// `--synchronous normal|full`, parsed into our own enum (we don't conform store types to ArgumentParser).
package enum SynchronousOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case normal
    case full

    var mode: SynchronousMode { self == .full ? .full : .normal }
}

/// Parses a time argument (`--at`, `--from`, `--to`, `--since`): ISO 8601 or epoch seconds.
func parseTimeArgument(_ text: String, option: String) throws -> Timestamp {
    do {
        return try ReportValidator.parseInstant(.text(text))
    } catch {
        throw ValidationError("\(option) \(Timestamp.notATimeMessage(text))")
    }
}
