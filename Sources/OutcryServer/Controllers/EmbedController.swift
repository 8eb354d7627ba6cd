import HTTPTypes
package import Hummingbird
import OutcryDetection
import OutcryEngine
import OutcryModel

/// The embeddable report button: `GET /embed/{slug}` (the form, or its thank-you state with `reported=1`)
/// and `POST /embed/{slug}/report`, for an `<iframe>` on the operator's sites (`--embed-origins`).
///
/// A post goes through the dashboard form's path: the sender and its rate limit from ``ReportTrust`` (an
/// anonymous report, counted once per client network), the same validation and group commit. Only the
/// origin check differs: ``EmbedOriginCheck`` also accepts the listed sites.
package struct EmbedController: Sendable {
    let catalog: ServiceCatalog
    let latest: LatestDetector
    let ingestor: ReportIngestor
    let settings: ServerSettings
    let metrics: ServerMetrics?
    let clock: any TimeSource
    /// ``EmbedSecurityHeaders/page(_:)`` for the configured origins, built once.
    let headers: HTTPFields

    init(
        catalog: ServiceCatalog, latest: LatestDetector, ingestor: ReportIngestor, settings: ServerSettings,
        metrics: ServerMetrics?, clock: any TimeSource
    ) {
        self.catalog = catalog
        self.latest = latest
        self.ingestor = ingestor
        self.settings = settings
        self.metrics = metrics
        self.clock = clock
        headers = EmbedSecurityHeaders.page(settings.embedOrigins)
    }

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("embed/{slug}", use: page)
        routes.post("embed/{slug}/report", use: report)
        return routes
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let service = try await service(context) else { return notFound() }
        let query: EmbedQuery
        do {
            query = try EmbedQuery.parse(try QueryParameters(rawQuery: request.uri.query ?? ""))
        } catch {
            return html(
                EmbedPage.message(
                    title: "This link is not right", text: "The report button's address is wrong: \(error.message)."),
                status: error.isTooLong ? .uriTooLong : .badRequest)
        }
        let state: EmbedPage.State = query.isReported ? .thanks : .form(region: query.region, error: nil)
        return html(EmbedPage.render(service, level: level(service.slug), state: state))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let service = try await service(context) else { return notFound() }
        if let refusal = EmbedOriginCheck.refusal(
            request, publicURL: settings.publicURL, allowed: settings.embedOrigins)
        {
            metrics?.rejected(1, reason: "cross_site")
            return html(
                EmbedPage.message(
                    title: "Report refused", text: refusal.prefix(1).uppercased() + refusal.dropFirst() + "."),
                status: .forbidden)
        }
        var region: Region?
        do {
            let sender = try await ingestor.sender(of: request, context: context)
            let body = try await collectBody(request, limit: 16 * 1024, metrics: metrics)
            let form = FormDecoding.fields(String(buffer: body))
            region = form["region"].flatMap { try? Region.parse($0) }
            let input = ReportInput(
                service: service.slug.rawValue, region: form["region"] ?? "", problem: form["problem"], at: nil,
                reporter: nil, comment: form["comment"])
            _ = try await ingestor.ingest(input, sender: sender)
        } catch let error as APIError {
            // The form again with the reason, and the status the API would give.
            var response = html(
                EmbedPage.render(
                    service, level: level(service.slug), state: .form(region: region, error: error.message)),
                status: error.status)
            if let retry = error.retryAfterSeconds { response.headers[.retryAfter] = String(retry) }
            return response
        }
        var response = Response(status: .seeOther, headers: headers)
        response.headers[.contentType] = nil
        response.headers[.location] = "/embed/\(HTML.urlComponent(service.slug.rawValue))?reported=1"
        return response
    }

    /// The monitored service named by the route, or nil.
    private func service(_ context: AppRequestContext) async throws -> MonitoredService? {
        guard let slug = ServiceSlug(rawValue: context.parameters.get("slug") ?? "") else { return nil }
        return try await catalog.services(now: clock.now(), retryAfterSeconds: settings.retryAfterSeconds)[slug]
    }

    /// The service's crowd-reported level, as the dashboard shows it.
    private func level(_ slug: ServiceSlug) -> AlertLevel {
        latest.detector.status(of: SeriesKey(service: slug, region: .global))?.level ?? .normal
    }

    private func notFound() -> Response {
        html(
            EmbedPage.message(title: "Not found", text: "This report button names no monitored service."),
            status: .notFound)
    }

    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
