/// Why a JSON request body of reports was refused.
package enum ReportBodyDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body, or the report at `index` in its array, is wrong. `index` is nil when the fault is the body
    /// as a whole (not UTF-8, not JSON, neither an object nor an array) or the body is a single object.
    case invalid(index: Int?, ReportValidationError)
    /// The array holds more than `maximum` reports.
    case tooManyReports(maximum: Int)

    /// The report's position in the body's array, if the fault lies in one report.
    package var index: Int? {
        switch self {
        case .invalid(let index, _): index
        case .tooManyReports: nil
        }
    }

    /// The fault as a field and a reason, as every entry path reports it.
    package var validationError: ReportValidationError {
        switch self {
        case .invalid(_, let error): error
        case .tooManyReports(let maximum):
            ReportValidationError(
                field: "body", reason: "holds more than \(maximum) reports; send at most \(maximum) at once")
        }
    }

    package var field: String { validationError.field }
    package var reason: String { validationError.reason }

    /// `reports[3]: region "XX" is not an ISO 3166-1 code`, or the field and reason alone.
    package var description: String {
        guard let index else { return validationError.description }
        return "reports[\(index)]: \(validationError)"
    }
}
