import Crypto

/// A reporter's keyed hash: the first 16 bytes of HMAC-SHA256, as two words (cheap to hash and compare).
package struct ReporterHash: Hashable, Sendable, Comparable {
    package var high: UInt64
    package var low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Reads the first 16 bytes, big-endian; nil if there are fewer.
    package init?(bytes: some Collection<UInt8>) {
        guard bytes.count >= 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.prefix(16).enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// The 16 bytes as stored in the database.
    package var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    package static func < (lhs: ReporterHash, rhs: ReporterHash) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

/// Turns reporter ids into keyed hashes, so the database never holds a raw device id or client address.
///
/// HMAC-SHA256 under a random per-database secret, truncated to 16 bytes: enough to tell reporters apart,
/// useless for recovering the id without the secret.
package struct ReporterHasher {
    /// Bytes kept of the 32-byte MAC.
    package static let hashLength = 16
    /// The HMAC with the key already absorbed; copied for each hash, so the key schedule runs once.
    private let keyed: HMAC<SHA256>

    package init(secret: [UInt8]) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: secret))
    }

    /// A fresh 32-byte random secret.
    package static func makeSecret() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The truncated keyed hash of `reporter`.
    package func hash(_ reporter: String) -> ReporterHash {
        var copy = reporter
        var mac = keyed
        copy.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { ReporterHash(bytes: $0) } ?? ReporterHash(high: 0, low: 0)
    }
}
