import Crypto

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
    package func hash(_ reporter: String) -> [UInt8] {
        var copy = reporter
        var mac = keyed
        copy.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { Array($0.prefix(Self.hashLength)) }
    }
}
