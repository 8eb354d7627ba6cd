/// The bucket widths a series may be asked for, by allow-list: `1m`, `5m`, `15m`, `60m` (also `1h`).
///
/// Matching is on the exact label, so no number in the input is ever converted or multiplied.
package enum SeriesBucket: Int64, Sendable, CaseIterable {
    case oneMinute = 60
    case fiveMinutes = 300
    case fifteenMinutes = 900
    case oneHour = 3_600

    /// The width in seconds.
    package var seconds: Int64 { rawValue }

    /// `1m`, `5m`, `15m`, `60m`: the label responses use.
    package var label: String {
        switch self {
        case .oneMinute: "1m"
        case .fiveMinutes: "5m"
        case .fifteenMinutes: "15m"
        case .oneHour: "60m"
        }
    }

    /// The labels accepted, in order, for messages and the API description.
    package static let allowedLabels = ["1m", "5m", "15m", "60m", "1h"]

    /// The width named by `label` (case-insensitive), nil for anything else.
    package init?(label: String) {
        guard label.utf8.count <= 3 else { return nil }
        switch label.lowercased() {
        case "1m": self = .oneMinute
        case "5m": self = .fiveMinutes
        case "15m": self = .fifteenMinutes
        case "60m", "1h": self = .oneHour
        default: return nil
        }
    }

    /// Parses `text` as the parameter (or option) `field`.
    package static func parse(_ text: String, field: String) throws(QueryParameterError) -> SeriesBucket {
        guard let bucket = SeriesBucket(label: text) else {
            throw QueryParameterError(
                field: field, message: "\(field) \(quoted(text)) is not allowed; use 1m, 5m, 15m or 60m (1h)")
        }
        return bucket
    }
}
