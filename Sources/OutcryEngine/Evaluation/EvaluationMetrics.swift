import Foundation

/// How detection did against the labelled windows, for one service or all of them (`outcry evaluate`).
///
/// The JSON keys are a public interface (`outcry evaluate --json`): keep them stable. Values with nothing to
/// measure (recall without windows, latency without found windows) are `null`.
package struct EvaluationMetrics: Sendable, Equatable, Encodable {
    /// Labelled windows evaluated (those overlapping the range after the probation period).
    package var windows = 0
    /// Windows with a matching incident detected inside them.
    package var found = 0
    /// Incidents detected in no window of their service (unofficial indicators that had no outage behind them).
    package var falseIncidents = 0
    /// Found windows / windows; nil without windows.
    package var recall: Double?
    /// False incidents per service and week of the evaluated range; nil when there is nothing to divide by.
    package var falseIncidentsPerServiceWeek: Double?
    /// Median of (detected_at − window start) over found windows, in minutes.
    package var latencyMedianMinutes: Double?
    /// 90th percentile of the same (linear interpolation between ranks).
    package var latencyP90Minutes: Double?
    /// NAB-style score: 0 for a detector that never alarms, 100 for an alarm at every window's start; nil without
    /// windows.
    package var nabScore: Double?

    package init() {}

    /// Windows without a matching incident.
    package var missed: Int { windows - found }

    /// Writes every key (`null` when there is nothing to measure), rounded for reading.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try encode(into: &container)
    }

    /// Writes the metrics' keys into `container` (the report puts the totals at its top level).
    func encode(into container: inout KeyedEncodingContainer<JSONKey>) throws {
        try container.encode(Self.rounded(recall, places: 4), forKey: "recall")
        try container.encode(falseIncidents, forKey: "false_incidents")
        try container.encode(
            Self.rounded(falseIncidentsPerServiceWeek, places: 4), forKey: "false_incidents_per_service_week")
        try container.encode(Self.rounded(latencyMedianMinutes, places: 2), forKey: "latency_median_minutes")
        try container.encode(Self.rounded(latencyP90Minutes, places: 2), forKey: "latency_p90_minutes")
        try container.encode(Self.rounded(nabScore, places: 2), forKey: "nab_score")
        try container.encode(windows, forKey: "windows")
        try container.encode(found, forKey: "found")
        try container.encode(missed, forKey: "missed")
    }

    /// A JSON key spelled out where it is written.
    struct JSONKey: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { stringValue = value }
    }

    static func rounded(_ value: Double?, places: Int) -> Double? {
        guard let value, value.isFinite else { return nil }
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
