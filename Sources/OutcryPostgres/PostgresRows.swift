package import OutcryStore
package import PostgresNIO

/// Reading typed columns out of driver rows, with a ``StoreError`` naming the column when a value is not what
/// the schema says.
package enum PostgresRows {
    /// Column `index` decoded as `T` (nil for SQL NULL when `T` is optional).
    package static func value<T: PostgresDecodable>(_ row: PostgresRow, _ index: Int, _ what: String) throws(StoreError)
        -> T
    {
        let cells = Array(row)
        guard index < cells.count else { throw .invalidStoredValue("\(what): no column \(index)") }
        do {
            return try cells[index].decode(T.self)
        } catch {
            throw .invalidStoredValue("\(what): \(error)")
        }
    }

    /// A bigint column.
    package static func int(_ row: PostgresRow, _ index: Int, _ what: String) throws(StoreError) -> Int64 {
        try value(row, index, what)
    }
}

extension PostgresRow {
    /// The row's columns decoded as the given types, or a ``StoreError`` naming `what` was read.
    package func columns<each Column: PostgresDecodable>(_ types: (repeat each Column).Type, _ what: String)
        throws(StoreError) -> (repeat each Column)
    {
        do {
            return try decode(types)
        } catch {
            throw .invalidStoredValue("\(what): \(error)")
        }
    }
}
