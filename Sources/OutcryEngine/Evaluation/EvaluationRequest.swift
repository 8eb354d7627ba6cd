package import OutcryDetection
package import OutcryModel

/// Where `outcry evaluate` takes the labelled outage windows from.
package enum EvaluationLabels: Sendable, Equatable {
    /// A windows file (see ``WindowFile``).
    case file(path: String)
    /// The stored incidents of the linked official status pages: `[created_at or started_at, resolved_at or the
    /// range's end]`, for every service linked to one.
    case official
}

/// What `outcry evaluate` should measure.
package struct EvaluationRequest: Sendable {
    package var labels: EvaluationLabels
    /// Default: the first minute with stored reports.
    package var from: Timestamp?
    /// Default: the minute after the last one with stored reports.
    package var to: Timestamp?
    /// Replays every service with this sensitivity (in the scratch copy only); nil keeps each service's own.
    package var sensitivity: Sensitivity?
    /// The warm-up share of the range (0 ≤ p < 100) in which incidents are not scored; NAB uses 15.
    package var probationPercent: Double = 0
    package var settings = DetectorSettings()
    /// Where the scratch copy is made; nil for the system's temporary folder (`$TMPDIR`).
    package var scratchFolder: String?

    package init(labels: EvaluationLabels) { self.labels = labels }
}
