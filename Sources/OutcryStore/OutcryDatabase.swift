import Foundation
package import OutcryModel

/// How the store opens its database.
package struct StoreOptions: Sendable {
    /// Durability of commits; `normal` survives a process crash, `full` a power loss too.
    package var synchronous: SynchronousMode = .normal
    /// How long to wait for another process's write lock before failing.
    package var busyTimeoutMilliseconds: Int32 = 10_000
    /// SQLite's page cache: 32 MiB keeps the B-tree pages bulk ingestion touches in memory (SQLite's default is
    /// 2 MiB); a one-pass reader such as an export reads each page about once and does as well with 2 MiB.
    package var pageCacheKibibytes: Int = 32 * 1024

    package init() {}
}

/// The Outcry database: one SQLite connection with the schema migrated and the per-database settings loaded.
///
/// Not `Sendable`: one owner at a time (a CLI command, or the daemon's store actor).
package final class OutcryDatabase {
    /// The default duplicate cooldown: a reporter's reports for one service within 15 minutes count once.
    package static let defaultDuplicateCooldownSeconds: Int64 = 900

    package let connection: SQLiteConnection
    package let path: String
    /// Hashes reporter ids under this database's secret.
    package private(set) var reporterHasher: ReporterHasher
    /// The secret itself, for hashing on another thread (``ReporterHasher`` is made from it there).
    package let reporterSecret: [UInt8]
    /// Reports from the same reporter and service closer together than this are duplicates.
    package private(set) var duplicateCooldownSeconds: Int64

    /// Opens the database at `path` (`:memory:` for a throwaway one), creating and migrating it as needed.
    package init(path: String, options: StoreOptions = StoreOptions(), now: Timestamp) throws(StoreError) {
        self.path = path
        if path != ":memory:" {
            try Self.checkLocation(path)
        }
        do {
            connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
            try connection.configureForWriting(
                synchronous: options.synchronous, pageCacheKibibytes: options.pageCacheKibibytes)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.message)
        }
        try Migrator().migrate(connection, appliedAt: now.seconds)
        do {
            let secret = try Self.loadOrCreateSecret(connection)
            reporterSecret = secret
            reporterHasher = ReporterHasher(secret: secret)
            duplicateCooldownSeconds =
                try Self.setting("duplicate_cooldown_seconds", in: connection).flatMap { Int64($0) }
                ?? Self.defaultDuplicateCooldownSeconds
        } catch {
            throw StoreError.sqlite(error)
        }
    }

    /// Changes the duplicate cooldown for this database (stored, so every later run uses it).
    package func setDuplicateCooldown(seconds: Int64) throws(StoreError) {
        do {
            try Self.storeSetting("duplicate_cooldown_seconds", String(seconds), in: connection)
        } catch {
            throw StoreError.sqlite(error)
        }
        duplicateCooldownSeconds = seconds
    }

    /// Copies the WAL into the main file (on clean shutdown).
    package func checkpoint() throws(StoreError) {
        do { try connection.checkpoint() } catch { throw StoreError.sqlite(error) }
    }

    package func close() { connection.close() }

    // MARK: - Settings

    static func setting(_ name: String, in connection: SQLiteConnection) throws(SQLiteError) -> String? {
        let statement = try connection.cachedStatement("SELECT value FROM setting WHERE name = ?")
        defer { statement.reset() }
        try statement.bind(name, at: 1)
        return try statement.step() ? statement.text(at: 0) : nil
    }

    static func storeSetting(_ name: String, _ value: String, in connection: SQLiteConnection) throws(SQLiteError) {
        let statement = try connection.cachedStatement(
            "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value"
        )
        try statement.bind(name, at: 1)
        try statement.bind(value, at: 2)
        try statement.run()
    }

    /// The reporter secret, created at random the first time the database is opened.
    private static func loadOrCreateSecret(_ connection: SQLiteConnection) throws(SQLiteError) -> [UInt8] {
        if let hex = try setting("reporter_secret", in: connection), let bytes = [UInt8](hex: hex) {
            return bytes
        }
        let secret = ReporterHasher.makeSecret()
        // INSERT OR IGNORE, then read back: two processes initialising at once agree on one secret.
        let insert = try connection.cachedStatement(
            "INSERT OR IGNORE INTO setting (name, value) VALUES ('reporter_secret', ?)")
        try insert.bind(secret.hexString, at: 1)
        try insert.run()
        guard let hex = try setting("reporter_secret", in: connection), let bytes = [UInt8](hex: hex) else {
            return secret
        }
        return bytes
    }

    /// Turns an unusable location into a clear error before SQLite gives a vague one.
    private static func checkLocation(_ path: String) throws(StoreError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        guard isDirectory.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "\(directory) is not a folder")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "it is a folder, not a database file")
        }
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: directory) {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) is not writable")
        }
    }
}

extension [UInt8] {
    /// Lower-case hexadecimal.
    package var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses lower- or upper-case hexadecimal; nil for odd length or other characters.
    package init?(hex: String) {
        let bytes = Array(hex.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        self = out
    }
}
