import HTTPTypes
package import Hummingbird
import OutcryDetection
import OutcryEngine
import OutcryModel

/// `GET /v1/services/{slug}/badge.svg`: the crowd's current view of one service as a shields-style badge.
///
/// The level is the one the dashboard and `GET /v1/services/{slug}` show (the global series in the detector
/// the last tick left); the name comes from the cached service list. An unknown service gets a grey
/// "unknown service" badge with 404, a bad `style` a JSON 400 naming the parameter.
package struct BadgeController: Sendable {
    let catalog: ServiceCatalog
    let latest: LatestDetector
    let clock: any TimeSource
    let retryAfterSeconds: Int

    init(catalog: ServiceCatalog, latest: LatestDetector, clock: any TimeSource, retryAfterSeconds: Int) {
        self.catalog = catalog
        self.latest = latest
        self.clock = clock
        self.retryAfterSeconds = retryAfterSeconds
    }

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("services/{slug}/badge.svg", use: badge)
        return routes
    }

    @Sendable func badge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try request.parseQuery(BadgeQuery.parse)
        guard let slug = ServiceSlug(rawValue: context.parameters.get("slug") ?? ""),
            let service = try await catalog.services(now: clock.now(), retryAfterSeconds: retryAfterSeconds)[slug]
        else {
            let svg = BadgeSVG.render(label: "outcry", message: "unknown service", color: .grey, style: query.style)
            return Self.response(svg, status: .notFound, request: request)
        }
        let level = latest.detector.status(of: SeriesKey(service: slug, region: .global))?.level ?? .normal
        let message = BadgeSVG.message(for: level)
        let svg = BadgeSVG.render(label: service.name, message: message.text, color: message.color, style: query.style)
        return Self.response(svg, status: .ok, request: request)
    }

    /// The badge with ``EmbedSecurityHeaders/badge`` and an `ETag` of its bytes; 304 when the client's
    /// `If-None-Match` names it.
    static func response(_ svg: String, status: HTTPResponse.Status, request: Request) -> Response {
        var headers = EmbedSecurityHeaders.badge
        let tag = entityTag(svg)
        headers[.eTag] = tag
        if status == .ok, let condition = request.headers[.ifNoneMatch], matches(condition, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }

    /// A strong tag: the FNV-1a 64-bit hash of the body, in hex.
    static func entityTag(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` value (`*`, or a comma-separated list of tags, weak or strong) names `tag`.
    static func matches(_ condition: String, tag: String) -> Bool {
        guard condition.utf8.count <= 4_096 else { return false }
        return condition.split(separator: ",").contains { item in
            var candidate = String(item).trimmingSpaces()
            if candidate.hasPrefix("W/") { candidate = String(candidate.dropFirst(2)) }
            return candidate == "*" || candidate == tag
        }
    }
}

extension ServiceCatalog {
    /// The monitored services by slug, as last read (503 when the database cannot be read).
    func services(now: Timestamp, retryAfterSeconds: Int) async throws -> [ServiceSlug: MonitoredService] {
        do {
            return try await validator(now: now).services
        } catch {
            throw APIError(
                .serviceUnavailable, "the database cannot be read right now; retry later",
                retryAfterSeconds: retryAfterSeconds)
        }
    }
}
