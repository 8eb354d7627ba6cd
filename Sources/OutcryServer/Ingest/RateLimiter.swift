import Foundation
import Synchronization

/// Per-client token buckets: each client may send `burst` requests at once and `ratePerSecond` after that.
///
/// Keyed by client address, which is kept only in memory and only as long as its bucket is not full again.
package final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Double
    }

    private let ratePerSecond: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Beyond this many clients, buckets that have refilled are dropped.
    private let pruneThreshold = 10_000

    /// `ratePerSecond` 0 (or less) turns limiting off.
    package init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, burst)
    }

    package var isEnabled: Bool { ratePerSecond > 0 }

    /// Takes a token for `client`; nil when allowed, else the seconds until a token is back.
    package func acquire(_ client: String, now: Double = ProcessInfo.processInfo.systemUptime) -> Int? {
        guard isEnabled else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: burst, updatedAt: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updatedAt) * ratePerSecond)
            bucket.updatedAt = now
            let wait: Int?
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                wait = nil
            } else {
                wait = max(1, Int(((1 - bucket.tokens) / ratePerSecond).rounded(.up)))
            }
            buckets[client] = bucket
            if buckets.count > pruneThreshold {
                let rate = ratePerSecond
                let burst = burst
                buckets = buckets.filter { $0.value.tokens + (now - $0.value.updatedAt) * rate < burst }
            }
            return wait
        }
    }
}
