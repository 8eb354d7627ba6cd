import Foundation
import Synchronization

/// A value read from the database and kept in memory, read again when older than `maximumAgeSeconds`, so
/// what the operator changes with the CLI (services, tokens) reaches a running daemon within seconds while a
/// request costs no database read. One caller refreshes a stale value; the others keep using it meanwhile.
/// Until the first read succeeds, every caller reads.
package final class RefreshingCache<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var loadedAt: Double = -.infinity
        var isLoading = false
    }

    private let maximumAge: Double
    private let load: @Sendable () async throws -> Value
    private let state = Mutex(State())

    package init(maximumAgeSeconds: Double, load: @escaping @Sendable () async throws -> Value) {
        self.maximumAge = maximumAgeSeconds
        self.load = load
    }

    /// The cached value, read again first when it is missing or stale.
    package func current() async throws -> Value {
        let uptime = ProcessInfo.processInfo.systemUptime
        let (cached, mustLoad) = state.withLock { state -> (Value?, Bool) in
            let isStale = uptime - state.loadedAt > maximumAge
            if state.value == nil || (isStale && !state.isLoading) {
                state.isLoading = true
                return (state.value, true)
            }
            return (state.value, false)
        }
        if !mustLoad, let cached { return cached }
        do {
            let value = try await load()
            state.withLock {
                $0.value = value
                $0.loadedAt = uptime
                $0.isLoading = false
            }
            return value
        } catch {
            state.withLock { $0.isLoading = false }
            throw error
        }
    }

    /// Marks the value stale, so the next call reads it again.
    package func invalidate() {
        state.withLock { $0.loadedAt = -.infinity }
    }
}
