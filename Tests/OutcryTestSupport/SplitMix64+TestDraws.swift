package import OutcryEngine

/// Draws for property tests, on the simulator's generator: one SplitMix64 for the whole package, so every
/// property test sees the same inputs on every run.
extension SplitMix64 {
    /// A value in `range`.
    package mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `chance`.
    package mutating func chance(_ chance: Double) -> Bool { Double.random(in: 0..<1, using: &self) < chance }

    /// One element of `items`.
    package mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
