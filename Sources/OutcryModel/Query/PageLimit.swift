/// The `limit` of a paged list: a whole number from 1 to a maximum, a default when absent.
package enum PageLimit {
    /// Parses the optional parameter `limit` of `parameters`.
    /// - Throws: for anything but digits, or a number outside 1…`maximum`.
    package static func parse(
        in parameters: QueryParameters, default defaultLimit: Int, maximum: Int
    ) throws(QueryParameterError) -> Int {
        guard let text = try parameters.value("limit") else { return defaultLimit }
        let refusal = QueryParameterError(
            field: "limit", message: "limit \(quoted(text)) is not allowed; use a whole number from 1 to \(maximum)")
        // At most six digits are converted, so the number cannot overflow whatever the input.
        guard text.utf8.count <= 6, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text) else {
            throw refusal
        }
        guard value >= 1, value <= maximum else { throw refusal }
        return value
    }
}
