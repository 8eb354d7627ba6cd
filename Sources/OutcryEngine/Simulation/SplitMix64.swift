/// A small, fast, seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// Its output depends only on the seed and on integer arithmetic, so a seed gives the same stream on every
/// platform and Swift version, unlike `SystemRandomNumberGenerator`. Not for cryptography.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { self.state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform value in the open interval (0, 1): never exactly 0 (safe for `log`) nor 1.
    ///
    /// Built from the top 53 bits by hand, because the standard library's `Double.random(in:using:)` does not
    /// promise the same mapping from bits to values across versions.
    @inline(__always)
    package mutating func nextUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2⁻³² for bounds under 2³²).
    @inline(__always)
    package mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// SplitMix64's finaliser: a bijective mix of 64 bits, also handy to derive stable ids from indices.
    @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
