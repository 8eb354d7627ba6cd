import OutcryModel
import Testing

/// The query allow-lists of the badge (`style`) and the embed page (`region`, `reported`).
@Suite(.timeLimit(.minutes(10))) struct BadgeAndEmbedQueryTests {
    @Test func badgeStyleDefaultsToFlatAndAcceptsOnlyItsNames() throws {
        #expect(try BadgeQuery.parse(QueryParameters(rawQuery: "")).style == .flat)
        #expect(try BadgeQuery.parse(QueryParameters(rawQuery: "style=plain")).style == .plain)
        #expect(try BadgeQuery.parse(QueryParameters(rawQuery: "style=")).style == .flat, "empty counts as absent")
        #expect(try BadgeQuery.parse(QueryParameters(rawQuery: "other=1&style=flat")).style == .flat)
        for bad in ["Flat", "plastic", "flat-square", "%00", "flat%20"] {
            #expect {
                _ = try BadgeQuery.parse(QueryParameters(rawQuery: "style=\(bad)"))
            } throws: { error in
                let error = error as? QueryParameterError
                return error?.field == "style" && error?.message.hasSuffix("use flat or plain") == true
            }
        }
        #expect(throws: QueryParameterError.self) {
            try BadgeQuery.parse(QueryParameters(rawQuery: "style=flat&style=plain"))
        }
    }

    @Test func embedQueryTakesAReportRegionAndTheThankYouFlag() throws {
        let query = try EmbedQuery.parse(QueryParameters(rawQuery: "region=us-ca&reported=1"))
        #expect(query.region?.code == "US-CA")
        #expect(query.isReported)
        #expect(try EmbedQuery.parse(QueryParameters(rawQuery: "")) == EmbedQuery())
        for bad in ["region=global", "region=XX", "region=" + String(repeating: "U", count: 40), "reported=yes"] {
            #expect(throws: QueryParameterError.self, "\(bad)") { try EmbedQuery.parse(QueryParameters(rawQuery: bad)) }
        }
    }
}
