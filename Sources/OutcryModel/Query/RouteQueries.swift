/// Every route's query parser behind one entry point, for fuzzing: whatever the input, parsing ends in a
/// value or a ``QueryParameterError``, never a trap.
package enum RouteQueries {
    /// Splits and decodes `rawQuery` (bounded by ``QueryParameters``) and runs the parser of every route that
    /// reads a query on it, discarding results and errors.
    package static func parseAll(rawQuery: String, now: Timestamp) {
        guard let parameters = try? QueryParameters(rawQuery: rawQuery) else { return }
        if let series = try? SeriesQuery.parse(parameters) { _ = try? series.range(defaultEnd: now) }
        _ = try? IncidentListQuery.parse(parameters, paged: true)
        _ = try? IncidentListQuery.parse(parameters, paged: false)
        _ = try? ReportsQuery.parse(parameters)
        _ = try? BadgeQuery.parse(parameters)
        _ = try? EmbedQuery.parse(parameters)
        if let cursor = try? IncidentListQuery.parse(parameters, paged: true).cursor {
            // A cursor given out must read back as itself.
            precondition((try? IncidentCursor.parse(cursor.token)) == cursor, "cursor does not round-trip")
        }
    }
}
