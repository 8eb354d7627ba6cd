/// How a status badge is drawn: `flat` (rounded, with a soft gradient, like shields.io's default) or `plain`
/// (square corners, no gradient or text shadow).
package enum BadgeStyle: String, Sendable, CaseIterable {
    case flat
    case plain

    /// The spellings accepted, for messages and the API description: `flat or plain`.
    package static let allowedList = "flat or plain"
}

/// The query of `GET /v1/services/{slug}/badge.svg`: `style` (allow-list; `flat` when absent).
package struct BadgeQuery: Sendable, Equatable {
    package var style: BadgeStyle = .flat

    package init(style: BadgeStyle = .flat) { self.style = style }

    /// Parses the parameters; `style` must be exactly one of ``BadgeStyle``'s names.
    package static func parse(_ parameters: QueryParameters) throws(QueryParameterError) -> BadgeQuery {
        guard let text = try parameters.value("style") else { return BadgeQuery() }
        guard text.utf8.count <= 16, let style = BadgeStyle(rawValue: text) else {
            throw QueryParameterError(
                field: "style", message: "style \(quoted(text)) is not allowed; use \(BadgeStyle.allowedList)")
        }
        return BadgeQuery(style: style)
    }
}
