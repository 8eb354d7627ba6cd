/// The query of `GET /embed/{slug}`: `region` (an ISO 3166 code to preselect in the form) and `reported`
/// (show the thank-you state the form's post redirects to).
package struct EmbedQuery: Sendable, Equatable {
    /// The region the form starts with; nil leaves the field empty.
    package var region: Region?
    /// True after a report was recorded (`reported=1`).
    package var isReported = false

    package init(region: Region? = nil, isReported: Bool = false) {
        self.region = region
        self.isReported = isReported
    }

    /// Parses the parameters: `region` as a report's region (not `global`), `reported` as ``QueryBoolean``.
    package static func parse(_ parameters: QueryParameters) throws(QueryParameterError) -> EmbedQuery {
        var query = EmbedQuery()
        if let text = try parameters.value("region") {
            guard text.utf8.count <= 16 else {
                throw QueryParameterError(
                    field: "region",
                    message: "region \(quoted(text)) is not allowed; use an ISO 3166 code such as US or US-CA")
            }
            do {
                query.region = try Region.parse(text)
            } catch {
                throw QueryParameterError(field: "region", message: error.description)
            }
        }
        query.isReported = try QueryBoolean.parse("reported", in: parameters) ?? false
        return query
    }
}
