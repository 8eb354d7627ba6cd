import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// POSIX `close` (the name is taken by ``SQLiteConnection/close()`` inside the connection).
private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}

/// How hard SQLite works to make a commit durable.
package enum SynchronousMode: String, Sendable, CaseIterable {
    /// With WAL: a commit survives a process crash; a power loss may lose the last commits. The default.
    case normal = "NORMAL"
    /// Every commit is synced to disk before it returns: survives power loss, costs an fsync per commit.
    case full = "FULL"
}

/// One SQLite connection: prepared-statement cache, transactions, pragmas.
///
/// Not thread-safe and not `Sendable`: a connection belongs to one owner at a time (the CLI command, or
/// the daemon's store actor). The `sqlite3` pointer never leaves this type and ``SQLiteStatement``.
package final class SQLiteConnection {
    private var handle: OpaquePointer?
    private var statementCache: [String: SQLiteStatement] = [:]
    /// The path the connection was opened with (`:memory:` for an in-memory database).
    package let path: String

    /// Opens (creating if needed) the database at `path`.
    ///
    /// A writable connection to a file creates it with mode 0600 before SQLite opens it, and takes read and
    /// write access away from group and others on an existing database and its `-wal`, `-shm` and `-journal`
    /// files (see ``makePrivate(_:)``); SQLite gives the files it creates later the main file's mode.
    /// - Parameters:
    ///   - readOnly: open without write access.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another process's lock before failing.
    package init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
        _ = Self.processConfiguration
        self.path = path
        if !readOnly { Self.makePrivate(path) }
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: code, message: message, context: "opening the database")
        }
        handle = db
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
    }

    /// Creates the database file at `path` with mode 0600 if it does not exist, and removes group and other
    /// permissions from it and from its companion files if they have any: the database holds the reporter-hash
    /// key next to the hashes. Does nothing for in-memory and URI names; failures are left for SQLite to report
    /// (or, for a file we cannot chmod because another user owns it, ignored).
    /// - Returns: whether an existing file had its permissions tightened.
    @discardableResult
    package static func makePrivate(_ path: String) -> Bool {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return false }
        var tightened = false
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            var info = stat()
            if fstat(descriptor, &info) == 0, info.st_mode & 0o077 != 0, (info.st_mode & S_IFMT) == S_IFREG {
                tightened = fchmod(descriptor, info.st_mode & 0o700) == 0
            }
            closeDescriptor(descriptor)
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            var info = stat()
            let companion = path + suffix
            if lstat(companion, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 != 0 {
                if chmod(companion, info.st_mode & 0o700) == 0 { tightened = true }
            }
        }
        return tightened
    }

    /// Applied once, before the first connection opens.
    private static let processConfiguration: Int32 = outcry_sqlite_configure_process()

    deinit {
        statementCache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
    }

    /// Finalizes cached statements and closes the connection; later calls fail.
    package func close() {
        statementCache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    var rawHandle: OpaquePointer {
        get throws(SQLiteError) {
            guard let handle else {
                throw SQLiteError(code: SQLITE_MISUSE, message: "connection closed", context: "using the database")
            }
            return handle
        }
    }

    /// Runs one or more SQL statements that return no rows we need (DDL, pragmas, BEGIN/COMMIT).
    package func execute(_ sql: String) throws(SQLiteError) {
        let db = try rawHandle
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: code, message: message, context: "executing SQL")
        }
    }

    /// A prepared statement for `sql`, reused across calls (reset and with bindings cleared).
    package func cachedStatement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try SQLiteStatement(connection: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// A statement prepared once for the caller to keep (hot paths hold their statements).
    package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    ///
    /// `IMMEDIATE` takes the write lock up front, so two processes never deadlock upgrading read locks;
    /// the busy timeout makes the second one wait.
    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Whether a transaction is open on this connection.
    package var isInTransaction: Bool { (try? rawHandle).map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// The rowid of the last inserted row.
    package var lastInsertRowID: Int64 { (try? rawHandle).map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last statement.
    package var changes: Int { (try? rawHandle).map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Reads a pragma that returns one integer.
    package func pragmaInteger(_ name: String) throws(SQLiteError) -> Int64 {
        let statement = try cachedStatement("PRAGMA \(name)")
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int64(at: 0)
    }

    /// Reads a pragma that returns one text value.
    package func pragmaText(_ name: String) throws(SQLiteError) -> String? {
        let statement = try cachedStatement("PRAGMA \(name)")
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.text(at: 0)
    }

    /// Switches to write-ahead logging (readers never block the writer) with the given durability and page
    /// cache size.
    package func configureForWriting(synchronous: SynchronousMode, pageCacheKibibytes: Int = 32 * 1024)
        throws(SQLiteError)
    {
        if path != ":memory:" {
            let mode = try pragmaText("journal_mode = WAL")
            if mode?.lowercased() != "wal" {
                throw SQLiteError(
                    code: SQLITE_ERROR, message: "journal mode is \(mode ?? "unknown")", context: "enabling WAL")
            }
        }
        try execute(
            "PRAGMA synchronous = \(synchronous.rawValue); PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
                + "PRAGMA cache_size = -\(max(64, pageCacheKibibytes))"
        )
    }

    /// Copies everything in the WAL into the database file and truncates the WAL.
    package func checkpoint() throws(SQLiteError) {
        try execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Changes whenever another connection commits (used to invalidate in-memory caches).
    package func dataVersion() throws(SQLiteError) -> Int64 { try pragmaInteger("data_version") }

    func lastError(context: String) -> SQLiteError {
        guard let handle else {
            return SQLiteError(code: SQLITE_MISUSE, message: "connection closed", context: context)
        }
        return SQLiteError(
            code: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            context: context
        )
    }
}
