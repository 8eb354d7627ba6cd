/// Where Outcry keeps its data: everything the engine asks of a backend.
///
/// Two implementations: ``OutcryDatabase`` (one SQLite file, the embedded default) and the PostgreSQL store in
/// OutcryPostgres (shared by several daemons). Only OutcryEngine holds one; the CLI and the server reach storage
/// through the engine.
///
/// Not `Sendable`: one owner at a time (a CLI command, or one of the daemon's engine threads). The calls block
/// that thread, so the daemon keeps them off Swift's cooperative pool.
package protocol OutcryStorage: AnyObject, IncidentStorage, CountStorage, ServiceStorage, TokenStorage,
    QuietWindowStorage, OfficialStorage, NotificationStorage, CoordinationStorage
{
    /// Which backend this is and where, for logs and `/readyz` (a PostgreSQL URL without its password).
    var location: StorageLocation { get }
    /// The per-database secret reporter ids are hashed under (see ``ReporterHasher``).
    var reporterSecret: [UInt8] { get }
    /// Reports from the same reporter and service closer together than this are duplicates.
    var duplicateCooldownSeconds: Int64 { get }

    /// Changes the duplicate cooldown for this database (stored, so every later run uses it).
    func setDuplicateCooldown(seconds: Int64) throws(StoreError)

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. Calls nest: an
    /// inner call joins the outer transaction.
    func inTransaction<T>(_ body: () throws -> T) throws -> T

    /// Runs `body` inside the current transaction under a savepoint: when it throws, only its own changes are
    /// undone and the error is rethrown; the transaction goes on.
    func withSavepoint<T>(_ name: String, _ body: () throws -> T) throws -> T

    /// A writer for batches of reports (the ingest path); made once and kept by its owner.
    func makeReportWriter() throws(StoreError) -> any ReportSink

    /// Makes this connection refuse writes from now on (the daemon's reader).
    func refuseWrites() throws(StoreError)

    /// Copies the database into a new SQLite file at `path` (the scratch copy `outcry evaluate` replays into).
    func copy(to path: String) throws(StoreError)

    /// Flushes what a backend buffers (SQLite's write-ahead log); a no-op where nothing is buffered.
    func checkpoint() throws(StoreError)

    /// Closes the connection; the store is unusable afterwards.
    func close()
}

/// Which backend a store is, and where.
package enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (or `:memory:`).
    case sqlite(path: String)
    /// A PostgreSQL database, named without its password (`user@host:port/db`).
    case postgres(server: String)

    /// `sqlite` or `postgresql`.
    package var backend: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    package var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let server): "postgresql://\(server)"
        }
    }
}
