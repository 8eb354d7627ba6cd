import Crypto
package import OutcryModel
import OutcryStore

/// The signature of a webhook body, so receivers can check it came from this Outcry and was not altered or
/// replayed: `X-Outcry-Signature-256: sha256=<hex>` where hex is HMAC-SHA256, keyed with the hook's secret
/// (its UTF-8 bytes, as printed by `outcry notify add`), of `<X-Outcry-Timestamp> + "." + <body>`.
///
/// A receiver recomputes it over the raw body, compares in constant time, and rejects timestamps far from
/// its own clock (replays).
package enum WebhookSignature {
    /// The header value (`sha256=` and lower-case hex).
    package static func header(secret: String, timestamp: Timestamp, body: String) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        mac.update(data: Array("\(timestamp.seconds).".utf8))
        mac.update(data: Array(body.utf8))
        return "sha256=" + Array(mac.finalize()).hexString
    }

    /// Whether `header` is the signature of `body` sent at `timestamp` (constant-time comparison).
    package static func isValid(_ header: String, secret: String, timestamp: Timestamp, body: String) -> Bool {
        let expected = Array(Self.header(secret: secret, timestamp: timestamp, body: body).utf8)
        let given = Array(header.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
