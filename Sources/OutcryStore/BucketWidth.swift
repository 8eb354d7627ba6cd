/// Bucket widths the series queries accept.
package enum BucketWidth: Int64, Sendable, CaseIterable, Codable {
    case oneMinute = 60
    case fiveMinutes = 300
    case fifteenMinutes = 900
    case oneHour = 3600

    /// `1m`, `5m`, `15m`, `60m`. (Input is parsed by OutcryModel's `SeriesBucket`, an allow-list.)
    package var label: String { "\(rawValue / 60)m" }
}
