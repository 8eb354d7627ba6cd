package import OutcryModel

/// A region in a simulation: its share of the reports and the UTC offset that drives its daily cycle.
package struct SimulatedRegion: Sendable, Equatable {
    package var region: Region
    /// Relative share of every service's reports; weights need not sum to 1 (they are normalised).
    package var weight: Double
    /// Local time minus UTC, in hours (`5.5` for India); daylight saving is not modelled.
    package var utcOffsetHours: Double

    package init(region: Region, weight: Double, utcOffsetHours: Double) {
        self.region = region
        self.weight = weight
        self.utcOffsetHours = utcOffsetHours
    }

    /// The offset in whole minutes.
    var utcOffsetMinutes: Int { Int((utcOffsetHours * 60).rounded()) }
}
