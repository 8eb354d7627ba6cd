/// Runs `operation` within `limit`: its result, or nil when the limit passed first. The operation is then
/// cancelled and awaited, so it must honour cancellation (AsyncHTTPClient's requests and body reads do).
///
/// Used where a remote party could otherwise keep us waiting: a client's own timeouts reset with every byte,
/// so a receiver dribbling one byte every few seconds would hold a read for as long as it likes.
func withDeadline<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T? {
    try await withThrowingTaskGroup(of: Optional<T>.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}
