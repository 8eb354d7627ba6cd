import Foundation
import OutcryModel
import OutcryTestSupport
import Testing

/// Statuspage v2 documents into official snapshots: the real shape, tolerance, and errors that say where.
@Suite(.timeLimit(.minutes(10))) struct StatuspageDecoderTests {
    static func decode(
        _ text: String, name: String = "incidents.json"
    ) throws(StatuspageDecodingError) -> OfficialSnapshot {
        try StatuspageDecoder.decode(Array(text.utf8), name: name)
    }

    /// The error `text` decodes to, as one sentence; nil when it decodes.
    static func error(_ text: String, name: String = "incidents.json") -> String? {
        do {
            _ = try decode(text, name: name)
            return nil
        } catch {
            return error.description
        }
    }

    /// An incidents document with `incidents` spliced in.
    static func document(_ incidents: String...) -> String {
        #"{"incidents": ["# + incidents.joined(separator: ",") + "]}"
    }

    static let minimalIncident = #"{"id": "a1", "name": "Outage", "created_at": "2024-03-05T15:58:12.345Z"}"#

    @Test func readsTheSummaryAndIncidentsOfAPage() throws {
        let snapshot = try StatuspageDecoder.decode(
            summary: Array(StatuspageFixtures.summaryJSON.utf8), incidents: Array(StatuspageFixtures.incidentsJSON.utf8)
        )
        #expect(snapshot.page?.name == "WhatsApp")
        #expect(snapshot.page?.url == StatuspageFixtures.pageURL)
        let components = try #require(snapshot.components)
        #expect(components.map(\.name) == ["Messaging", "Voice and Video Calls", "WhatsApp Web"])
        #expect(components.map(\.status) == [.partialOutage, .operational, .degradedPerformance])
        #expect(snapshot.incidents.map(\.id) == [StatuspageFixtures.openIncidentID, "k2j8d0s1a9f3", "z9y8x7w6v5u4"])

        let open = snapshot.incidents[0]
        #expect(open.name == StatuspageFixtures.openIncidentTitle)
        #expect(open.createdAt == StatuspageFixtures.acknowledgedAt, "fractional seconds are dropped")
        #expect(open.impact == .major)
        #expect(open.status == "identified")
        #expect(open.isFinished == false)
        #expect(open.spanEnd == nil)
        #expect(open.url == StatuspageFixtures.openIncidentShortlink)
        #expect(open.components == [OfficialComponentReference(id: "cmp-msg", name: "Messaging")])
        #expect(open.updates.map(\.status) == ["identified", "investigating"], "newest first")
        #expect(open.latestBody == "We have identified the cause of delayed messages.")

        let pageWide = snapshot.incidents[2]
        #expect(
            pageWide.url == "\(StatuspageFixtures.pageURL)/incidents/z9y8x7w6v5u4", "no shortlink: the page's address")
        #expect(pageWide.components.isEmpty)
        #expect(
            pageWide.spanStart == Timestamp(iso8601: "2024-02-20T21:45:00Z"), "started_at is earlier than created_at")
        #expect(pageWide.spanEnd == Timestamp(iso8601: "2024-02-20T23:30:00Z"))
        #expect(pageWide.impact == .critical)
    }

    @Test func incidentsJSONAloneHasNoComponentList() throws {
        let snapshot = try Self.decode(StatuspageFixtures.incidentsJSON)
        #expect(snapshot.components == nil)
        #expect(snapshot.incidents.count == 3)
    }

    @Test func theMostRecentlyUpdatedVersionOfAnIncidentWins() throws {
        let older = try Self.decode(StatuspageFixtures.incidentsJSON)
        let newer = try Self.decode(StatuspageFixtures.resolvedIncidentsJSON)
        for parts in [[older, newer], [newer, older]] {
            let merged = StatuspageDecoder.merge(parts)
            let incident = try #require(merged.incidents.first { $0.id == StatuspageFixtures.openIncidentID })
            #expect(incident.status == "resolved")
            #expect(incident.spanEnd == StatuspageFixtures.resolvedAt)
            #expect(merged.incidents.count == 3)
        }
    }

    @Test(arguments: [
        (OfficialImpact.none, OfficialComponentStatus.degradedPerformance),
        (.minor, .degradedPerformance),
        (.major, .partialOutage),
        (.critical, .majorOutage),
        (.maintenance, .underMaintenance),
    ])
    func impactMapsToAComponentStatus(impact: OfficialImpact, status: OfficialComponentStatus) {
        #expect(impact.impliedComponentStatus == status)
    }

    @Test func majorImpactIsAPartialOutageNotAMajorOne() throws {
        let snapshot = try Self.decode(
            Self.document(#"{"id":"a","name":"x","created_at":"2024-03-05T15:00:00Z","impact":"major"}"#))
        #expect(snapshot.incidents.first?.impact?.impliedComponentStatus == .partialOutage)
    }

    @Test(arguments: OfficialComponentStatus.allCases)
    func everyComponentStatusOfTheFormatIsRead(status: OfficialComponentStatus) throws {
        let text = #"{"components": [{"id": "c", "name": "API", "status": "\#(status.rawValue)"}], "incidents": []}"#
        #expect(try Self.decode(text).components?.first?.status == status)
    }

    @Test func toleratesUnknownAndMissingOptionalFields() throws {
        let text = """
            {"incidents": [{"id": "a1", "name": "Outage", "created_at": "2024-03-05T15:58:12.345Z",
              "impact": "catastrophic", "shortlink": 42, "updated_at": "soon", "brand_new_field": {"x": [1, 2]},
              "incident_updates": [{"body": null}, {"status": "investigating"}]}],
             "page": "not an object", "extra": true}
            """
        let incident = try #require(try Self.decode(text).incidents.first)
        #expect(incident.impact == nil)
        #expect(incident.shortlink == nil && incident.url == nil)
        #expect(incident.updatedAt == nil)
        #expect(incident.status == "unknown")
        #expect(incident.updates.count == 2)
        #expect(try Self.decode(Self.document(Self.minimalIncident)).incidents.count == 1)
    }

    @Test func acceptsAByteOrderMarkAndOffsets() throws {
        let text = "\u{FEFF}" + Self.document(#"{"id":"a","name":"x","created_at":"2024-03-05T17:58:12.5+02:00"}"#)
        #expect(try Self.decode(text).incidents.first?.createdAt == StatuspageFixtures.acknowledgedAt)
    }

    @Test(arguments: [
        ("", "incidents.json: empty response, not JSON"),
        ("  \n ", "incidents.json: empty response, not JSON"),
        ("<!DOCTYPE html><html>Bad gateway</html>", "incidents.json: not JSON (looks like HTML)"),
        ("\n  <html>", "incidents.json: not JSON (looks like HTML)"),
        (#"{"incidents": [}"#, "incidents.json: invalid JSON: expected a value at column 16"),
        (
            "{\"incidents\": []\n,",
            "incidents.json: invalid JSON: expected a key (a string in double quotes) at line 2, column 2 (end of body)"
        ),
        (
            #"{"incidents": []} trailing"#,
            "incidents.json: invalid JSON: unexpected text after the JSON value at column 19"
        ),
        ("[]", #"incidents.json: expected a JSON object with "incidents" (Statuspage v2), found a JSON array"#),
        (
            #"{"data": {"incidents": []}}"#,
            "incidents.json: missing field incidents; not a Statuspage v2 summary.json or incidents.json"
        ),
        (#"{"incidents": {}}"#, "incidents.json: incidents has the wrong type; expected an array"),
        (#"{"incidents": [], "components": {}}"#, "incidents.json: components has the wrong type; expected an array"),
    ])
    func badDocumentsSayWhatAndWhere(text: String, message: String) {
        #expect(Self.error(text) == message)
    }

    /// An entry the page got wrong costs that entry only: it is skipped and named, the rest is kept.
    @Test(arguments: [
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": null}]}"#,
            "incidents.json: incidents[0].created_at is null; expected a time such as 2024-03-05T15:58:12.345Z"
        ),
        (
            #"{"incidents": [{"id": 7, "name": "x", "created_at": "2024-03-05T15:00:00Z"}]}"#,
            "incidents.json: incidents[0].id has the wrong type; expected a string"
        ),
        (
            #"{"incidents": [{"id": "a", "created_at": "2024-03-05T15:00:00Z"}]}"#,
            "incidents.json: missing field incidents[0].name"
        ),
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": "yesterday"}]}"#,
            "incidents.json: incidents[0].created_at: not an ISO 8601 time: yesterday"
        ),
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": "2024-03-05T15:00:00Z", "resolved_at": "soon"}]}"#,
            "incidents.json: incidents[0].resolved_at: not an ISO 8601 time: soon"
        ),
        (
            #"{"incidents": [], "components": [{"id": "c", "name": "API", "status": "purple"}]}"#,
            #"incidents.json: components[0].status: "purple" is not a component status; expected one of operational, under_maintenance, degraded_performance, partial_outage, major_outage"#
        ),
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": "2024-03-05T15:00:00Z", "components": [{"name": "API"}]}]}"#,
            "incidents.json: missing field incidents[0].components[0].id"
        ),
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": "1999-12-31T23:59:59Z"}]}"#,
            "incidents.json: incidents[0].created_at is out of range (1999-12-31T23:59:59Z); "
                + "expected a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z"
        ),
        (
            #"{"incidents": [{"id": "a", "name": "x", "created_at": "2024-03-05T15:00:00Z", "started_at": 9223372036854775807}]}"#,
            "incidents.json: incidents[0].started_at is out of range (9223372036854775807 seconds since 1970); "
                + "expected a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z"
        ),
        ("{\"incidents\": [7]}", "incidents.json: incidents[0] has the wrong type; expected an object"),
    ])
    func badEntriesAreSkippedAndNamed(text: String, message: String) throws {
        let snapshot = try Self.decode(text)
        #expect(snapshot.incidents.isEmpty)
        #expect(snapshot.components?.isEmpty ?? true)
        #expect(snapshot.problems.map(\.description) == [message])
        #expect(snapshot.problemCount == 1)
    }

    @Test func missingCreationTimeIsNamedByIndexAndTheOthersAreKept() throws {
        let incidents = (0..<3).map {
            #"{"id": "i\#($0)", "name": "n", "created_at": "2024-03-0\#($0 + 1)T10:00:00Z"}"#
        }
        let text = Self.document(incidents[0], incidents[1], incidents[2], #"{"id": "i3", "name": "n"}"#)
        let snapshot = try Self.decode(text)
        #expect(snapshot.incidents.map(\.id) == ["i2", "i1", "i0"])
        #expect(snapshot.problems.map(\.description) == ["incidents.json: missing field incidents[3].created_at"])
    }

    @Test func invalidUTF8IsNamed() {
        var bytes = Array(Self.document(Self.minimalIncident).utf8)
        bytes.insert(0xC3, at: 20)
        #expect(throws: StatuspageDecodingError.self) { try StatuspageDecoder.decode(bytes, name: "summary.json") }
        do {
            _ = try StatuspageDecoder.decode(bytes, name: "summary.json")
        } catch {
            #expect(error.description.hasPrefix("summary.json: not JSON: the text is not valid UTF-8 (byte 0xC3"))
        }
    }

    @Test func storedIncidentsDecodeBackUnchanged() throws {
        let incidents = try Self.decode(StatuspageFixtures.incidentsJSON).incidents
        for incident in incidents {
            let data = try JSONEncoder().encode(incident)
            #expect(try JSONDecoder().decode(OfficialIncident.self, from: data) == incident)
        }
    }

    @Test func componentFilterMatchesByIdOrNameOrNoComponents() throws {
        let snapshot = try Self.decode(StatuspageFixtures.incidentsJSON)
        let open = snapshot.incidents[0]
        #expect(open.concerns(component: "Messaging"))
        #expect(open.concerns(component: "messaging"))
        #expect(open.concerns(component: "cmp-msg"))
        #expect(open.concerns(component: "WhatsApp Web") == false)
        #expect(snapshot.incidents[2].concerns(component: "anything"), "an incident naming no component concerns all")
    }
}
