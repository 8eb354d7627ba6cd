import Foundation
import OutcryModel
import OutcryTestSupport
import Testing

/// Status-page times are bounded: an entry stating a time outside 2000–2099 is skipped and named, the rest
/// of the page is kept, and no value of any time field makes decoding (or what follows) trap.
@Suite(.timeLimit(.minutes(10))) struct OfficialTimeRangeTests {
    @Test func theHostilePageKeepsItsGoodIncidentsAndNamesTheBadOne() throws {
        let snapshot = try StatuspageDecoder.decode(
            Array(StatuspageFixtures.hostileIncidentsJSON.utf8), name: "incidents.json")
        #expect(snapshot.incidents.map(\.id) == [StatuspageFixtures.openIncidentID, "k2j8d0s1a9f3", "z9y8x7w6v5u4"])
        #expect(snapshot.problems.map(\.description) == [StatuspageFixtures.hostileProblem])
        #expect(snapshot.problemCount == 1)
    }

    @Test(arguments: [
        ("2000-01-01T00:00:00Z", true), ("2099-12-31T23:59:59Z", true), ("1999-12-31T23:59:59Z", false),
        ("2100-01-01T00:00:00Z", false), ("1970-01-01T00:00:00Z", false),
    ])
    func theRangeIncludesBothEnds(time: String, isKept: Bool) throws {
        let text = #"{"incidents": [{"id": "a", "name": "x", "created_at": "\#(time)"}]}"#
        let snapshot = try StatuspageDecoder.decode(Array(text.utf8), name: "incidents.json")
        #expect(snapshot.incidents.count == (isKept ? 1 : 0))
        #expect(snapshot.problems.isEmpty == isKept)
        #expect(OfficialTimeRange.contains(try #require(Timestamp(iso8601: time))) == isKept)
    }

    @Test func lenientTimesOutOfRangeAreDroppedNotTheEntry() throws {
        let text = """
            {"page": {"name": "P", "updated_at": -9223372036854775808},
             "components": [{"id": "c", "name": "API", "status": "operational", "updated_at": 9223372036854775807}],
             "incidents": [{"id": "a", "name": "x", "created_at": "2024-03-05T15:00:00Z",
               "updated_at": "0001-01-01T00:00:00Z",
               "incident_updates": [{"body": "b", "created_at": -9223372036854775808}]}]}
            """
        let snapshot = try StatuspageDecoder.decode(Array(text.utf8), name: "summary.json")
        #expect(snapshot.page?.updatedAt == nil)
        #expect(snapshot.components?.first?.updatedAt == nil)
        let incident = try #require(snapshot.incidents.first)
        #expect(incident.updatedAt == nil && incident.updates.first?.createdAt == nil)
        #expect(snapshot.problems.isEmpty)
    }

    @Test func manyBadEntriesKeepABoundedListOfProblems() throws {
        let bad = #"{"id": "b", "name": "x", "created_at": -1}"#
        let text = #"{"incidents": ["# + Array(repeating: bad, count: 500).joined(separator: ",") + "]}"
        let snapshot = try StatuspageDecoder.decode(Array(text.utf8), name: "incidents.json")
        #expect(snapshot.incidents.isEmpty)
        #expect(snapshot.problems.count == OfficialSnapshot.maximumProblems)
        #expect(snapshot.problemCount == 500)
        #expect(snapshot.problems.last?.description.contains("incidents[19].created_at") == true)
    }

    /// Values no status page should send, for any time field.
    static let extremeValues = [
        "-9223372036854775808", "9223372036854775807", "-9223372036854775809", "9223372036854775808", "0", "-1",
        "1e300", "-0.5", "253402300800", "-62167219201", #""0000-01-01T00:00:00Z""#, #""9999-12-31T23:59:59Z""#,
        #""9999-12-31T23:59:59-23:59""#, #""0000-01-01T00:00:00+23:59""#, #""2024-02-30T00:00:00Z""#, #""""#,
        "null", "true", "[]", "{}", #""\u001b[2J""#,
    ]

    /// Every time field of a page, each given every extreme value in turn: decoding never traps, kept entries
    /// state only in-range times, and what uses them (spans, merging, encoding for the store) never traps.
    @Test func everyTimeFieldWithExtremeValuesNeverTraps() throws {
        let fields = [
            "page.updated_at", "components.updated_at", "incidents.created_at", "incidents.started_at",
            "incidents.resolved_at", "incidents.updated_at", "incidents.scheduled_for", "incidents.scheduled_until",
            "updates.created_at",
        ]
        for field in fields {
            for value in Self.extremeValues {
                func time(_ name: String, _ normal: String) -> String { field == name ? value : normal }
                let text = """
                    {"page": {"id": "p", "updated_at": \(time("page.updated_at", #""2024-03-05T16:05:00Z""#))},
                     "components": [{"id": "c", "name": "API", "status": "major_outage",
                       "updated_at": \(time("components.updated_at", #""2024-03-05T16:05:00Z""#))}],
                     "incidents": [{"id": "a", "name": "x", "status": "resolved",
                       "created_at": \(time("incidents.created_at", #""2024-03-05T15:58:12Z""#)),
                       "started_at": \(time("incidents.started_at", "null")),
                       "resolved_at": \(time("incidents.resolved_at", "null")),
                       "updated_at": \(time("incidents.updated_at", "null")),
                       "scheduled_for": \(time("incidents.scheduled_for", "null")),
                       "scheduled_until": \(time("incidents.scheduled_until", "null")),
                       "incident_updates": [{"body": "b", "created_at": \(time("updates.created_at", "null"))}]},
                      {"id": "good", "name": "y", "created_at": "2024-03-01T10:00:00Z"}]}
                    """
                let snapshot = try StatuspageDecoder.decode(Array(text.utf8), name: "summary.json")
                #expect(snapshot.incidents.contains { $0.id == "good" }, "\(field) = \(value)")
                for incident in snapshot.incidents {
                    for instant in [incident.createdAt, incident.startedAt, incident.resolvedAt, incident.updatedAt]
                        .compactMap({ $0 }) + incident.updates.compactMap(\.createdAt)
                    {
                        #expect(OfficialTimeRange.contains(instant), "\(field) = \(value)")
                    }
                    _ = (incident.spanStart, incident.spanEnd, incident.isFinished)
                    let stored = try JSONEncoder().encode(incident)
                    #expect(try JSONDecoder().decode(OfficialIncident.self, from: stored) == incident)
                }
                _ = StatuspageDecoder.merge([snapshot, snapshot])
            }
        }
    }
}
