/// How readily the detector calls a service's spike a likely outage: one of three expected false-alarm rates.
///
/// The detector calibrates each series' alarm threshold to its own history so that, on data with no outage, a
/// series raises a false incident about once per ``falseAlarmWeeks`` weeks. Operators choose per service with
/// `outcry service set SLUG --sensitivity low|normal|high` and try a level first with
/// `outcry evaluate --sensitivity …`.
package enum Sensitivity: String, Codable, Sendable, Hashable, CaseIterable {
    /// Fewer false alarms, later and fewer detections of small outages.
    case low
    /// The default.
    case normal
    /// Earlier detection of small outages, more false alarms.
    case high

    /// Parses `low`, `normal` or `high` (ASCII case-insensitive).
    package init?(label: String) {
        self.init(rawValue: label.lowercased())
    }
}
