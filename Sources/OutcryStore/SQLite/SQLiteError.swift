import CSQLite

/// A failure reported by SQLite: its result code, its message, and what Outcry was doing.
///
/// The description never contains bound values (reporter ids, comments): only the operation and SQLite's
/// own message.
package struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary or extended SQLite result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …).
    package var code: Int32
    package var message: String
    /// What was being done, e.g. `opening /data/outcry.sqlite` or `preparing a statement`.
    package var context: String

    package init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The primary result code (the low byte of an extended code).
    package var primaryCode: Int32 { code & 0xFF }

    /// The database is locked by another connection for longer than the busy timeout.
    package var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// The database cannot be written: read-only file or folder, disk full, I/O error.
    package var isUnwritable: Bool {
        [SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM].contains(primaryCode)
    }

    package var description: String { "SQLite error \(code) while \(context): \(message)" }
}
