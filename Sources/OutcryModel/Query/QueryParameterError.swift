/// Why a query string or one of its parameters was refused: the parameter, what was wrong and what is allowed.
///
/// The daemon answers it as `400 {"error": "...", "field": "..."}` (414 when the whole query is too long).
package struct QueryParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter at fault (`bucket`, `from`, `cursor`…), or `query` for the query string as a whole.
    package var field: String
    /// A sentence naming the value and the rule, e.g. `bucket "7m" is not allowed; use 1m, 5m, 15m or 60m`.
    package var message: String
    /// True when the query string exceeds ``QueryParameters/maximumBytes`` (HTTP 414 rather than 400).
    package var isTooLong: Bool

    package init(field: String, message: String, isTooLong: Bool = false) {
        self.field = field
        self.message = message
        self.isTooLong = isTooLong
    }

    package var description: String { message }
}
