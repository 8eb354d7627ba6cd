/// Why one report was refused: the field, what was wrong with it and, where useful, what is allowed.
///
/// Every entry path (`outcry report`, `outcry import`, `POST /v1/reports`) throws this same error, so users
/// see the same words wherever they send a report.
package struct ReportValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input field at fault: `service`, `region`, `problem`, `at`, `reporter`, `comment`, or `line`.
    package var field: String
    /// A sentence fragment naming the value and the rule, e.g. `"XX" is not an ISO 3166-1 code`.
    package var reason: String

    package init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    package var description: String { "\(field) \(reason)" }
}
