package import OutcryStore

/// The bucket width of an export chart, chosen from the range so a chart has at most about 430 buckets:
/// one minute up to 6 hours, 5 minutes up to 36 hours, 15 minutes up to 4 days, an hour up to 18 days, and
/// daily sums beyond (a year is 365 bars).
package enum ChartBucket: Sendable, Equatable {
    case width(BucketWidth)
    /// Sums per UTC day.
    case day

    /// The bucket for a range of `seconds`.
    package static func forRange(seconds: Int64) -> ChartBucket {
        switch seconds {
        case ...(6 * 3600): .width(.oneMinute)
        case ...(36 * 3600): .width(.fiveMinutes)
        case ...(4 * 86_400): .width(.fifteenMinutes)
        case ...(18 * 86_400): .width(.oneHour)
        default: .day
        }
    }

    package var seconds: Int64 {
        switch self {
        case .width(let width): width.rawValue
        case .day: 86_400
        }
    }

    /// `15 min`, `hour`, `day`: as in "reports per 15 min".
    package var label: String {
        switch self {
        case .width(.oneHour): "hour"
        case .width(let width): "\(width.rawValue / 60) min"
        case .day: "day (UTC)"
        }
    }
}
