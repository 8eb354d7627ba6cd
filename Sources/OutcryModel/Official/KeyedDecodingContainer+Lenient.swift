extension KeyedDecodingContainer {
    /// The value at `key`, or nil when it is missing, `null` or of another type: for fields nothing relies on,
    /// so a status page that drops or reshapes one still syncs.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }

    /// ``lenient(_:_:)`` for strings.
    func lenientString(_ key: Key) -> String? { lenient(String.self, key) }
}
