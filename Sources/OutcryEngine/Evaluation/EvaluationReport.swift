package import OutcryModel

/// What `outcry evaluate` measured: totals, each labelled service, the range and the sensitivity replayed.
///
/// Encodes as the `--json` document: the totals' keys at the top level, `services` (slug → the same keys),
/// `range` {`from`, `to`} and `sensitivity` (the override, or `null` when each service kept its own).
package struct EvaluationReport: Sendable, Encodable {
    package var from: Timestamp
    package var to: Timestamp
    /// The first instant scored (after the probation period).
    package var scoredFrom: Timestamp
    package var probationPercent: Double
    /// The `--sensitivity` override, or nil when each service was replayed with its own.
    package var sensitivityOverride: Sensitivity?
    /// Each scored service's sensitivity as the replay's detector saw it (in the scratch copy).
    package var sensitivities: [ServiceSlug: Sensitivity]
    /// Where the labels came from: the windows file's path, or `official`.
    package var labelSource: String
    package var total: EvaluationMetrics
    package var services: [ServiceSlug: EvaluationMetrics]
    /// Labelled windows that lie outside the range (not scored).
    package var windowsOutsideRange: Int

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EvaluationMetrics.JSONKey.self)
        try total.encode(into: &container)
        var servicesContainer = container.nestedContainer(keyedBy: EvaluationMetrics.JSONKey.self, forKey: "services")
        for slug in services.keys.sorted() {
            guard let metrics = services[slug] else { continue }
            try servicesContainer.encode(metrics, forKey: EvaluationMetrics.JSONKey(stringValue: slug.rawValue))
        }
        var range = container.nestedContainer(keyedBy: EvaluationMetrics.JSONKey.self, forKey: "range")
        try range.encode(from, forKey: "from")
        try range.encode(to, forKey: "to")
        try container.encode(sensitivityOverride?.rawValue, forKey: "sensitivity")
    }
}
