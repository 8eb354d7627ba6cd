import CSQLite

/// A prepared SQL statement: bind values by 1-based index, step through rows, read columns by 0-based index.
package final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        let db = try connection.rawHandle
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw connection.lastError(context: "preparing a statement")
        }
        self.statement = prepared
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    /// Resets the statement so it can run again, and clears its bindings.
    package func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    // MARK: Binding (1-based)

    package func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(statement, index, value))
    }

    package func bind(_ value: Int, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(statement, index, Int64(value)))
    }

    package func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_double(statement, index, value))
    }

    package func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        var text = value
        let code = text.withUTF8 { buffer in
            sqlite3_bind_text(
                statement, index, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                Int32(buffer.count), outcry_sqlite_transient()
            )
        }
        try check(code)
    }

    package func bind(_ value: [UInt8], at index: Int32) throws(SQLiteError) {
        let code = value.withUnsafeBytes { buffer in
            sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), outcry_sqlite_transient())
        }
        try check(code)
    }

    /// Binds a reporter hash as a 16-byte blob (big-endian words, as ``ReporterHash/bytes``).
    package func bind(_ value: ReporterHash, at index: Int32) throws(SQLiteError) {
        var words = (value.high.bigEndian, value.low.bigEndian)
        let code = withUnsafeBytes(of: &words) { buffer in
            sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), outcry_sqlite_transient())
        }
        try check(code)
    }

    package func bindNull(at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(statement, index))
    }

    package func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    package func bind(_ value: Int64?, at index: Int32) throws(SQLiteError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    package func bind(_ value: [UInt8]?, at index: Int32) throws(SQLiteError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when the statement is done.
    @discardableResult
    package func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.lastError(context: "running a statement")
            sqlite3_reset(statement)
            throw error
        }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    package func run() throws(SQLiteError) {
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    // MARK: Reading (0-based)

    package func isNull(at column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    package func int64(at column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    package func int(at column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    package func double(at column: Int32) -> Double { sqlite3_column_double(statement, column) }

    package func text(at column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func blob(at column: Int32) -> [UInt8]? {
        guard let pointer = sqlite3_column_blob(statement, column) else {
            return sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : []
        }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ code: Int32) throws(SQLiteError) {
        if code != SQLITE_OK { throw connection.lastError(context: "binding a value") }
    }
}
