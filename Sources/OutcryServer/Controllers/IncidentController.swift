import Foundation
import HTTPTypes
package import Hummingbird
import OutcryEngine
import OutcryModel
import OutcryStore

/// `GET /v1/incidents` (a page at a time: `limit`, `cursor`), `/v1/incidents/{id}`, `/v1/events`: the same JSON
/// objects as `outcry export --format json`, every one labelled unofficial; `/v1/incidents.atom`: their state
/// changes as an Atom feed. Queries are parsed by `OutcryModel/Query`.
package struct IncidentController: Sendable {
    /// Entries in the Atom feed.
    static let feedLength = 100

    let reader: EngineWorker
    let clock: any TimeSource
    /// The daemon's public base URL for feed links; nil makes them relative (never taken from the Host header).
    let publicURL: String?

    init(reader: EngineWorker, clock: any TimeSource, publicURL: String? = nil) {
        self.reader = reader
        self.clock = clock
        self.publicURL = publicURL
    }

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("incidents", use: list)
        routes.get("incidents.atom", use: feed)
        // Incident ids hold slashes (`whatsapp/US/…`): take the rest of the path.
        routes.get("incidents/**", use: show)
        routes.get("events", use: events)
        return routes
    }

    struct EventList: Encodable {
        var generatedAt: Timestamp
        var label = Incident.unofficialLabel
        var disclaimer = IncidentExportDocument.disclaimer
        var groupEvents: [GroupEvent]

        enum CodingKeys: String, CodingKey {
            case label, disclaimer
            case generatedAt = "generated_at"
            case groupEvents = "group_events"
        }
    }

    /// One page of incidents (the export document's fields plus `limit` and `next_cursor`); group events come
    /// with the first page only.
    struct IncidentPageDocument: Encodable {
        var generatedAt: Timestamp
        var label = Incident.unofficialLabel
        var disclaimer = IncidentExportDocument.disclaimer
        var since: Timestamp?
        var until: Timestamp?
        var limit: Int
        var nextCursor: String?
        var incidents: [Incident]
        var groupEvents: [GroupEvent]

        enum CodingKeys: String, CodingKey {
            case label, disclaimer, since, until, limit, incidents
            case generatedAt = "generated_at"
            case nextCursor = "next_cursor"
            case groupEvents = "group_events"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(generatedAt, forKey: .generatedAt)
            try container.encode(label, forKey: .label)
            try container.encode(disclaimer, forKey: .disclaimer)
            try container.encodeIfPresent(since, forKey: .since)
            try container.encodeIfPresent(until, forKey: .until)
            try container.encode(limit, forKey: .limit)
            // Always present, null on the last page, so clients can loop on it.
            try container.encode(nextCursor, forKey: .nextCursor)
            try container.encode(incidents, forKey: .incidents)
            try container.encode(groupEvents, forKey: .groupEvents)
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try request.parseQuery { parameters throws(QueryParameterError) in
            try IncidentListQuery.parse(parameters, paged: true)
        }
        let selection = Self.selection(query)
        let now = clock.now()
        let document = try await reader.perform { engine in
            let page = try engine.incidentPage(selection, limit: query.limit, after: query.cursor)
            return IncidentPageDocument(
                generatedAt: now, since: selection.since, until: selection.until, limit: query.limit,
                nextCursor: page.nextCursor?.token, incidents: page.incidents,
                groupEvents: query.cursor == nil ? try engine.selectGroupEvents(selection) : [])
        }
        return try JSONResponse.make(document)
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = clock.now()
        let (entries, services, identity) = try await reader.perform { engine in
            let events = try engine.recentNotificationEvents(limit: Self.feedLength)
            return (try engine.feedEntries(events), try engine.services(), engine.feedIdentity)
        }
        let xml = AtomFeedRenderer.render(
            entries, services: services, baseURL: publicURL ?? "", generatedAt: now, feedIdentity: identity)
        return Response(
            status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.getCatchAll()
            .map { String($0).removingPercentEncoding ?? String($0) }
            .joined(separator: "/")
        guard !id.isEmpty, id.utf8.count <= 200 else {
            throw APIError(.notFound, "no incident has this id", field: "id")
        }
        let incident = try await reader.perform { engine in
            try engine.incident(id: id).map { try engine.withOfficial([$0])[0] }
        }
        guard let incident else { throw APIError(.notFound, "no incident has the id \(quoted(id))", field: "id") }
        return try JSONResponse.make(incident)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try request.parseQuery { parameters throws(QueryParameterError) in
            try IncidentListQuery.parse(parameters, paged: false)
        }
        let selection = Self.selection(query)
        let now = clock.now()
        let events = try await reader.perform { engine in try engine.selectGroupEvents(selection) }
        return try JSONResponse.make(EventList(generatedAt: now, groupEvents: events))
    }

    static func selection(_ query: IncidentListQuery) -> IncidentSelection {
        IncidentSelection(
            since: query.since, until: query.until, service: query.service, group: query.group, region: query.region,
            activeOnly: query.activeOnly)
    }
}
