extension StoreError {
    /// Runs `body` and gives whatever it throws as a ``StoreError``: a store error as it is, an SQLite error as
    /// ``sqlite(_:)``, anything else (a JSON encoding, say) as ``invalidStoredValue(_:)`` naming `what`.
    package static func catching<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .invalidStoredValue("\(what): \(error)")
        }
    }
}
