/// One minute's reading of a series' rolling 15-minute window against its baseline: the working values every
/// decision of that minute (evidence, flood, level, regions) is taken from.
struct WindowReading {
    /// Anscombe transform of the counted reports, and the baseline's expectation of it.
    var y: Double
    var expectedY: Double
    /// The baseline's noise spread (what it learns with) and the statistic's spread (noise plus the
    /// expectation's own estimation error).
    var noiseSpread: Double
    var spread: Double
    /// The counted reports' statistic.
    var z: Double
    /// Expected reports in the window, that expectation floored at 1, and the observed-to-floored ratio.
    var expectedCount: Double
    var floored: Double
    var ratio: Double
    /// How far the CUSUM's reference (halfway between the expectation and the minimum ratio times it) lies
    /// above the expectation, in units of the statistic (never negative).
    var referenceShift: Double
    /// The cold-start scale on every threshold and the `possible` threshold it gives.
    var scale: Double
    var possibleThreshold: Double
    /// Whether the series has enough history to raise its level at all.
    var canRaise: Bool
    /// Distinct reporters without the largest single relay, and the received (uncounted included) reports.
    var reporters: Int
    var distinctStatistic: Double
    var received: Double
    var receivedStatistic: Double
    /// The excess is carried by distinct reporters on its own, not by anonymous or repeated reports.
    var isCarriedByReporters: Bool
    /// Enough excess, ratio and reporters for at least `possible`.
    var isModerate: Bool
}
