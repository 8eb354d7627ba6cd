import OutcryModel

/// How report volume varies with local time: low around 04:00, rising through the day to an evening peak
/// around 20:00, and lower on weekends.
///
/// The hourly shape is interpolated linearly to each minute and normalised so an ordinary weekday averages 1.
package struct DailyCycle: Sendable, Equatable {
    /// Relative volume at each local hour 00:00 … 23:00.
    package static let hourlyShape: [Double] = [
        0.55, 0.40, 0.30, 0.24, 0.22, 0.26, 0.40, 0.65, 0.90, 1.05, 1.12, 1.18,
        1.25, 1.25, 1.22, 1.22, 1.25, 1.32, 1.42, 1.52, 1.58, 1.52, 1.25, 0.85,
    ]

    /// Volume on Saturdays and Sundays relative to weekdays.
    package var weekendFactor: Double

    /// The normalised factor for each local minute of the day.
    private let minuteFactors: [Double]

    package init(weekendFactor: Double = 0.8) {
        self.weekendFactor = weekendFactor
        let shape = Self.hourlyShape
        var factors = (0..<1440).map { minute -> Double in
            let position = Double(minute) / 60
            let hour = Int(position)
            let fraction = position - Double(hour)
            return shape[hour] * (1 - fraction) + shape[(hour + 1) % 24] * fraction
        }
        let mean = factors.reduce(0, +) / 1440
        for index in factors.indices { factors[index] /= mean }
        self.minuteFactors = factors
    }

    /// The factor for the minute `epochMinute` (UTC) in a region `utcOffsetMinutes` ahead of UTC.
    @inline(__always)
    package func factor(epochMinute: Int64, utcOffsetMinutes: Int) -> Double {
        let local = epochMinute + Int64(utcOffsetMinutes)
        let day = floorDiv(local, 1440)
        let minuteOfDay = Int(local - day * 1440)
        // 1970-01-01 was a Thursday: with Monday = 0, Saturday and Sunday are 5 and 6.
        let weekday = (day + 3).modulo(7)
        return minuteFactors[minuteOfDay] * (weekday >= 5 ? weekendFactor : 1)
    }
}
