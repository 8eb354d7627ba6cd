/// The query of `GET /v1/incidents` and `GET /v1/events`: filters, and for the incident list a page.
package struct IncidentListQuery: Sendable, Equatable {
    /// Incidents per page when `limit` is absent.
    package static let defaultLimit = 100
    /// The largest `limit`.
    package static let maximumLimit = 500

    /// Only open incidents (`active=true`).
    package var activeOnly = false
    package var service: ServiceSlug?
    /// Services of this group (`group=meta`).
    package var group: String?
    package var region: Region?
    /// Incidents overlapping `[since, until]`.
    package var since: Timestamp?
    package var until: Timestamp?
    /// Incidents per page.
    package var limit = IncidentListQuery.defaultLimit
    /// Where the previous page ended; nil for the first page.
    package var cursor: IncidentCursor?

    package init() {}

    /// Parses and checks the parameters; `paged` reads `limit` and `cursor` too (the incident list).
    package static func parse(_ parameters: QueryParameters, paged: Bool) throws(QueryParameterError)
        -> IncidentListQuery
    {
        var query = IncidentListQuery()
        query.activeOnly = try QueryBoolean.parse("active", in: parameters) ?? false
        if let text = try parameters.value("service") { query.service = try slug(text, field: "service") }
        if let text = try parameters.value("group") { query.group = try slug(text, field: "group").rawValue }
        if let text = try parameters.value("region") { query.region = try QueryRegion.parse(text) }
        query.since = try QueryTime.parse("since", in: parameters)
        query.until = try QueryTime.parse("until", in: parameters)
        if let since = query.since, let until = query.until, until < since {
            throw QueryParameterError(field: "until", message: "until must not be before since")
        }
        if paged {
            query.limit = try PageLimit.parse(in: parameters, default: defaultLimit, maximum: maximumLimit)
            if let text = try parameters.value("cursor") { query.cursor = try IncidentCursor.parse(text) }
        }
        return query
    }

    private static func slug(_ text: String, field: String) throws(QueryParameterError) -> ServiceSlug {
        do {
            return try ServiceSlug.parse(text, field: field)
        } catch {
            throw QueryParameterError(field: field, message: error.description)
        }
    }
}
