/// Times in query strings (`from`, `to`, `since`, `until`): ISO 8601 or epoch seconds, within a fixed range.
package enum QueryTime {
    /// The earliest time a query may name: 1970-01-01T00:00:00Z.
    package static let earliest = Timestamp(seconds: 0)
    /// The latest time a query may name: 2100-01-01T00:00:00Z.
    package static let latest = Timestamp(seconds: 4_102_444_800)

    /// The longest time text looked at (ISO 8601 with a fraction and an offset fits easily).
    static let maximumLength = 40

    /// Parses `text` as the parameter `field`.
    /// - Throws: when it is not a time, or outside ``earliest``…``latest``.
    package static func parse(_ text: String, field: String) throws(QueryParameterError) -> Timestamp {
        guard text.utf8.count <= maximumLength else {
            throw QueryParameterError(field: field, message: "\(field) \(Timestamp.notATimeMessage(text))")
        }
        let instant: Timestamp
        do {
            instant = try ReportValidator.parseInstant(.text(text))
        } catch {
            throw QueryParameterError(field: field, message: "\(field) \(Timestamp.notATimeMessage(text))")
        }
        guard instant >= earliest, instant <= latest else {
            throw QueryParameterError(
                field: field,
                message: "\(field) \(quoted(text)) is outside \(earliest.iso8601) … \(latest.iso8601)")
        }
        return instant
    }

    /// The optional parameter `name` of `parameters`.
    package static func parse(_ name: String, in parameters: QueryParameters) throws(QueryParameterError) -> Timestamp?
    {
        guard let text = try parameters.value(name) else { return nil }
        return try parse(text, field: name)
    }
}
