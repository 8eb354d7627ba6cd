import Foundation

/// The usual number of reports in one chart bucket: the detector's expectation and a band around it.
///
/// The band is the expectation ± 2 on the Anscombe scale (`2√(x + 3/8)`, where Poisson noise has unit
/// variance): about the 95 % range of a Poisson count with that mean. It is a guide for the eye; the detector's
/// own test also accounts for each series' learned over-dispersion, so it raises incidents later than the band
/// alone would suggest.
package struct BaselineBand: Sendable, Equatable {
    package var expected: Double
    package var low: Double
    package var high: Double

    package init(expected: Double, low: Double, high: Double) {
        self.expected = expected
        self.low = low
        self.high = high
    }

    /// The band around `expected` reports.
    package init(expected: Double) {
        let value = max(0, expected)
        let anscombe = 2 * (value + 0.375).squareRoot()
        func inverse(_ y: Double) -> Double { max(0, (y / 2) * (y / 2) - 0.375) }
        self.init(expected: value, low: anscombe > 2 ? inverse(anscombe - 2) : 0, high: inverse(anscombe + 2))
    }
}
