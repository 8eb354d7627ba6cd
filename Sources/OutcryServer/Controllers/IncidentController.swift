import Foundation
import HTTPTypes
package import Hummingbird
import OutcryEngine
import OutcryModel
import OutcryStore

/// `GET /v1/incidents`, `/v1/incidents/{id}`, `/v1/events`: the same JSON objects as
/// `outcry export --format json`, every one labelled unofficial; `/v1/incidents.atom`: their state changes as
/// an Atom feed.
package struct IncidentController: Sendable {
    /// Entries in the Atom feed.
    static let feedLength = 100

    let reader: EngineWorker
    let clock: any TimeSource
    /// The daemon's public base URL for feed links; nil takes it from the request's Host header.
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

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let selection = try Self.selection(request)
        let now = clock.now()
        let document = try await reader.perform { engine in
            let selected = try engine.selectIncidents(selection)
            return IncidentExportDocument(
                generatedAt: now, since: selection.since, until: selection.until, incidents: selected.incidents,
                groupEvents: selected.groupEvents)
        }
        return try JSONResponse.make(document)
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = clock.now()
        let (entries, services, identity) = try await reader.perform { engine in
            let events = try engine.recentNotificationEvents(limit: Self.feedLength)
            return (try engine.feedEntries(events), try engine.store { try $0.services() }, engine.feedIdentity)
        }
        let xml = AtomFeedRenderer.render(
            entries, services: services, baseURL: baseURL(request), generatedAt: now, feedIdentity: identity)
        return Response(
            status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    /// `--public-url`, else `http://` + the request's Host header (loopback when absent).
    func baseURL(_ request: Request) -> String {
        if let publicURL { return publicURL }
        let host = request.head.authority ?? "127.0.0.1"
        // A Host header is client input: keep it to the characters a host and port can hold.
        let safe = host.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789.-:[]".unicodeScalars.contains($0)) }
        return "http://" + (safe ? host : "127.0.0.1")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.getCatchAll()
            .map { String($0).removingPercentEncoding ?? String($0) }
            .joined(separator: "/")
        guard !id.isEmpty, id.utf8.count <= 200 else { throw APIError(.notFound, "no incident has this id", field: "id") }
        let incident = try await reader.perform { engine in
            try engine.store { try $0.incident(id: id) }.map { try engine.withOfficial([$0])[0] }
        }
        guard let incident else { throw APIError(.notFound, "no incident has the id \(quoted(id))", field: "id") }
        return try JSONResponse.make(incident)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let selection = try Self.selection(request)
        let now = clock.now()
        let events = try await reader.perform { engine in try engine.selectIncidents(selection).groupEvents }
        return try JSONResponse.make(EventList(generatedAt: now, groupEvents: events))
    }

    static func selection(_ request: Request) throws -> IncidentSelection {
        var selection = IncidentSelection()
        selection.activeOnly = try request.booleanParameter("active") ?? false
        selection.service = try request.serviceParameter("service")
        selection.since = try request.timeParameter("since")
        selection.until = try request.timeParameter("until")
        if let group = request.uri.queryParameters.get("group"), !group.isEmpty { selection.group = group }
        if let regionText = request.uri.queryParameters.get("region"), !regionText.isEmpty {
            do {
                selection.region = try Region.parseAllowingGlobal(regionText)
            } catch {
                throw APIError(.badRequest, error.description, field: "region")
            }
        }
        if let since = selection.since, let until = selection.until, until < since {
            throw APIError(.badRequest, "until must not be before since", field: "until")
        }
        return selection
    }
}
