/// Boolean query parameters (`active`, `partial`): exactly `true`, `false`, `1` or `0`.
package enum QueryBoolean {
    /// The optional parameter `name` of `parameters`.
    /// - Throws: for any other spelling.
    package static func parse(_ name: String, in parameters: QueryParameters) throws(QueryParameterError) -> Bool? {
        guard let text = try parameters.value(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw QueryParameterError(field: name, message: "\(name) \(quoted(text)) is not allowed; use true or false")
        }
    }
}
