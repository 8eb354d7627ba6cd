/// The query of `POST /v1/reports`: `partial` (accept the valid reports of a batch, refuse the rest).
package struct ReportsQuery: Sendable, Equatable {
    package var partial = false

    package init(partial: Bool = false) { self.partial = partial }

    package static func parse(_ parameters: QueryParameters) throws(QueryParameterError) -> ReportsQuery {
        ReportsQuery(partial: try QueryBoolean.parse("partial", in: parameters) ?? false)
    }
}
