import Foundation
import OutcryEngine
package import OutcryStore
import Synchronization

/// The active API tokens, kept in memory and read again when older than a few seconds, so a token added or
/// revoked with `outcry token` takes effect within `maximumAgeSeconds` without a restart and a request with
/// a token costs no database read.
package final class TokenCatalog: Sendable {
    private struct State {
        var tokens: [APIToken] = []
        var loadedAt: Double = -.infinity
        var isLoaded = false
        var isLoading = false
    }

    private let maximumAge: Double
    private let reader: EngineWorker
    private let state = Mutex(State())

    package init(reader: EngineWorker, maximumAgeSeconds: Double) {
        self.reader = reader
        self.maximumAge = maximumAgeSeconds
    }

    /// The active token whose text is `text`, or nil (unknown or revoked). Compares the SHA-256 of `text`
    /// with every active token's in constant time (no early exit), so timing says nothing about near misses.
    package func token(for text: String) async throws -> APIToken? {
        let digest = APITokenText.digest(text)
        let tokens = try await current()
        var found: APIToken? = nil
        for token in tokens where APITokenText.constantTimeEquals(token.hash, digest) { found = token }
        return found
    }

    private func current() async throws -> [APIToken] {
        let uptime = ProcessInfo.processInfo.systemUptime
        let (cached, mustLoad) = state.withLock { state -> ([APIToken], Bool) in
            let isStale = uptime - state.loadedAt > maximumAge
            if !state.isLoaded || (isStale && !state.isLoading) {
                state.isLoading = true
                return (state.tokens, true)
            }
            return (state.tokens, false)
        }
        guard mustLoad else { return cached }
        do {
            let tokens = try await reader.perform { engine in try engine.tokens(includingRevoked: false) }
            state.withLock {
                $0.tokens = tokens
                $0.loadedAt = uptime
                $0.isLoaded = true
                $0.isLoading = false
            }
            return tokens
        } catch {
            state.withLock { $0.isLoading = false }
            throw error
        }
    }

    /// Forgets the cached tokens (tests, after adding or revoking one).
    package func invalidate() {
        state.withLock { $0.loadedAt = -.infinity }
    }
}
