import Foundation
import Synchronization

/// Token buckets counting reports: each client may send `burst` reports at once and `ratePerSecond` after
/// that, whatever the number of requests they come in.
///
/// A client is a network (anonymous reports) or an API token; a token's bucket may have its own rate. Buckets
/// are kept only in memory and only as long as they are not full again.
package final class RateLimiter: Sendable {
    /// Whose bucket.
    package enum Client: Hashable, Sendable {
        case network(ClientNetwork)
        case token(Int64)
    }

    /// A bucket's rate and size.
    package struct Limit: Sendable, Equatable {
        /// Reports per second; 0 (or less) means unlimited.
        package var ratePerSecond: Double
        /// Reports the bucket holds when full: the most one request may carry.
        package var burst: Double

        package init(ratePerSecond: Double, burst: Double) {
            self.ratePerSecond = ratePerSecond
            self.burst = max(1, burst)
        }

        package var isUnlimited: Bool { !(ratePerSecond > 0) }
    }

    /// Why reports were refused.
    package enum Refusal: Equatable, Sendable {
        /// More reports than the bucket can ever hold: split the request.
        case tooMany(burst: Int)
        /// Not enough tokens now: retry after this many seconds.
        case wait(seconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: Double
        var limit: Limit
    }

    private struct Buckets {
        var byClient: [Client: Bucket] = [:]
        /// Beyond this many clients, buckets that have refilled are dropped; it doubles when too few are, so a
        /// crowd of clients costs amortised O(1) per request.
        var pruneAt = RateLimiter.pruneThreshold
    }

    private static let pruneThreshold = 10_000
    private let buckets = Mutex(Buckets())

    package init() {}

    /// Whether `client` has no token left at all (checked before reading a body, to refuse early).
    package func isEmpty(_ client: Client, limit: Limit, now: Double = ProcessInfo.processInfo.systemUptime) -> Bool {
        guard !limit.isUnlimited else { return false }
        return buckets.withLock { buckets in
            guard let bucket = buckets.byClient[client] else { return false }
            return bucket.tokens + (now - bucket.updatedAt) * limit.ratePerSecond < 1
        }
    }

    /// Takes `cost` tokens (one per report) from `client`'s bucket; nil when allowed.
    package func acquire(
        _ client: Client, cost: Int, limit: Limit, now: Double = ProcessInfo.processInfo.systemUptime
    ) -> Refusal? {
        guard !limit.isUnlimited, cost > 0 else { return nil }
        let needed = Double(cost)
        if needed > limit.burst { return .tooMany(burst: Int(limit.burst)) }
        return buckets.withLock { buckets in
            var bucket = buckets.byClient[client] ?? Bucket(tokens: limit.burst, updatedAt: now, limit: limit)
            bucket.tokens = min(limit.burst, bucket.tokens + max(0, now - bucket.updatedAt) * limit.ratePerSecond)
            bucket.updatedAt = now
            bucket.limit = limit
            let refusal: Refusal?
            if bucket.tokens >= needed {
                bucket.tokens -= needed
                refusal = nil
            } else {
                let seconds = ((needed - bucket.tokens) / limit.ratePerSecond).rounded(.up)
                refusal = .wait(seconds: seconds < 86_400 ? max(1, Int(seconds)) : 86_400)
            }
            buckets.byClient[client] = bucket
            if buckets.byClient.count > buckets.pruneAt {
                buckets.byClient = buckets.byClient.filter {
                    $0.value.tokens + (now - $0.value.updatedAt) * $0.value.limit.ratePerSecond < $0.value.limit.burst
                }
                buckets.pruneAt = max(Self.pruneThreshold, 2 * buckets.byClient.count)
            }
            return refusal
        }
    }
}
