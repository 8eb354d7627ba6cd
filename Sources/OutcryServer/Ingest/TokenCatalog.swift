import OutcryEngine
package import OutcryStore

/// The active API tokens, kept in memory and read again when older than a few seconds, so a token added or
/// revoked with `outcry token` takes effect within `maximumAgeSeconds` without a restart and a request with
/// a token costs no database read.
package final class TokenCatalog: Sendable {
    private let cache: RefreshingCache<[APIToken]>

    package init(reader: EngineWorker, maximumAgeSeconds: Double) {
        cache = RefreshingCache(maximumAgeSeconds: maximumAgeSeconds) {
            try await reader.perform { engine in try engine.tokens(includingRevoked: false) }
        }
    }

    /// The active token whose text is `text`, or nil (unknown or revoked). Compares the SHA-256 of `text`
    /// with every active token's in constant time (no early exit), so timing says nothing about near misses.
    package func token(for text: String) async throws -> APIToken? {
        let digest = APITokenText.digest(text)
        let tokens = try await cache.current()
        var found: APIToken? = nil
        for token in tokens where APITokenText.constantTimeEquals(token.hash, digest) { found = token }
        return found
    }

    /// Forgets the cached tokens (tests, after adding or revoking one).
    package func invalidate() {
        cache.invalidate()
    }
}
