import Foundation

/// The weights of a NAB (Numenta Anomaly Benchmark) application profile, and NAB's scaled sigmoid.
///
/// See `README.md`, "Evaluating detection on your own history": a window found at its first minute earns `tp`,
/// later less (about 0.86 `tp` at its centre, near 0 at its end); a missed window costs `fn`; an alarm outside
/// every window costs `fp`, less if it comes shortly after a window ends.
package struct NABProfile: Sendable, Equatable {
    package var truePositive: Double
    package var falseNegative: Double
    package var falsePositive: Double

    package init(truePositive: Double, falseNegative: Double, falsePositive: Double) {
        self.truePositive = truePositive
        self.falseNegative = falseNegative
        self.falsePositive = falsePositive
    }

    /// NAB's `standard` profile: tp 1, fn 1, fp 0.11.
    package static let standard = NABProfile(truePositive: 1, falseNegative: 1, falsePositive: 0.11)
    /// NAB's `reward_low_FP_rate` profile: tp 1, fn 1, fp 0.22.
    package static let lowFalsePositiveRate = NABProfile(truePositive: 1, falseNegative: 1, falsePositive: 0.22)

    /// NAB's scaled sigmoid of a position relative to a window: about 0.987 at -1 (the window's first row),
    /// 0 at its last row (position 0), falling towards -1 after it, exactly -1 beyond 3.
    package static func sigmoid(_ position: Double) -> Double {
        if position > 3 { return -1 }
        return 2 / (1 + exp(5 * position)) - 1
    }

    /// The credit for a window found at minute `minute` of a window spanning minutes `first...last`: `tp` at the
    /// first minute, falling to 0 at the last.
    package func credit(minute: Int64, first: Int64, last: Int64) -> Double {
        let width = Double(max(last - first, 0) + 1)
        let clamped = min(max(minute, first), max(last, first))
        let position = -Double(max(last, first) - clamped + 1) / width
        return truePositive * Self.sigmoid(position) / Self.sigmoid(-1)
    }

    /// The (negative) cost of a false alarm at `minute`, softened when it follows a window spanning
    /// `previous` (minutes, inclusive) closely; the full `-fp` when no window came before.
    package func falseAlarmCost(minute: Int64, previous: ClosedRange<Int64>?) -> Double {
        guard let previous else { return -falsePositive }
        let width = Double(max(previous.upperBound - previous.lowerBound, 1))
        let position = Double(minute - previous.upperBound) / width
        return falsePositive * Self.sigmoid(position)
    }
}
