import OutcryModel

/// Axis ticks for the export charts: round report counts on the y axis, UTC times on the x axis.
enum ChartAxis {
    /// A time tick: its instant and one or two label lines (`15:00` / `5 Mar`).
    struct TimeTick: Equatable {
        var time: Timestamp
        var label: String
        var secondLine: String?
    }

    /// Steps for time ticks, in seconds, below the monthly ones.
    static let timeSteps: [Int64] = [
        60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400,
    ]

    /// A round step for about `count` intervals up to `maximum`, and the axis top (a multiple of the step).
    static func valueTicks(maximum: Double, count: Int = 4) -> (step: Double, top: Double) {
        guard maximum > 0 else { return (1, Double(count)) }
        let raw = maximum / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let rounded = max(step, (maximum / step).rounded(.up) * step)
        return (step, rounded)
    }

    /// At most about `maximumCount` ticks within `[from, to]`, on round UTC times.
    static func timeTicks(from: Timestamp, to: Timestamp, maximumCount: Int = 8) -> [TimeTick] {
        let span = max(60, to.seconds - from.seconds)
        if let step = timeSteps.first(where: { span / $0 <= Int64(maximumCount) }) {
            // Weekly ticks on Mondays (1970-01-01 was a Thursday).
            let offset: Int64 = step >= 7 * 86_400 ? 4 * 86_400 : 0
            var time = Timestamp(seconds: (floorDiv(from.seconds - offset - 1, step) + 1) * step + offset)
            var ticks: [TimeTick] = []
            var previousDay: Int64?
            while time <= to {
                let day = floorDiv(time.seconds, 86_400)
                if step >= 86_400 {
                    ticks.append(TimeTick(time: time, label: dayMonth(time), secondLine: nil))
                } else {
                    let showsDate = previousDay != day
                    ticks.append(
                        TimeTick(time: time, label: time.hourMinute, secondLine: showsDate ? dayMonth(time) : nil)
                    )
                }
                previousDay = day
                time = time.adding(seconds: step)
            }
            return ticks
        }
        return monthTicks(from: from, to: to, maximumCount: 13)
    }

    /// Month starts (every 1, 2, 3, 6 or 12 months), labelled `Mar`, with the year under January and the first.
    static func monthTicks(from: Timestamp, to: Timestamp, maximumCount: Int) -> [TimeTick] {
        let months = max(1, (to.seconds - from.seconds) / (30 * 86_400))
        let every = [1, 2, 3, 6, 12].map(Int64.init).first { months / $0 <= Int64(maximumCount) } ?? 12
        let start = CivilTime(from)
        var year = start.year
        var month = start.month
        var ticks: [TimeTick] = []
        while true {
            let time = CivilTime(year: year, month: month, day: 1).timestamp
            if time > to { break }
            if time >= from, (month - 1) % every == 0 {
                let withYear = ticks.isEmpty || month == 1
                ticks.append(
                    TimeTick(time: time, label: ExportText.monthName(month), secondLine: withYear ? "\(year)" : nil))
            }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return ticks
    }

    /// `5 Mar`.
    static func dayMonth(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(civil.day) \(ExportText.monthName(civil.month))"
    }
}
