import Foundation
import HTTPTypes
package import Hummingbird
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore

/// The HTML dashboard: `/`, `/services/{slug}` and the no-JavaScript report form
/// (`POST /services/{slug}/report`, through the same validation and group commit as the API).
package struct DashboardController: Sendable {
    let reader: EngineWorker
    let latest: LatestDetector
    let ingestor: ReportIngestor
    let settings: ServerSettings
    let metrics: ServerMetrics?

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("", use: overview)
        routes.get("services/{slug}", use: service)
        routes.post("services/{slug}/report", use: report)
        return routes
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detector = latest.detector
        let entries = try await reader.perform { engine -> [OverviewEntry] in
            let asOf = detector.lastTick ?? engine.clock.now().bucketStart(width: 60)
            let start = asOf.adding(seconds: -1).bucketStart(width: 900).adding(seconds: -86_400 + 900)
            return try engine.serviceOverview(detector: detector).map { item in
                let counts = try engine.bucketCounts(
                    service: item.service.slug, region: .global, from: start, to: asOf, width: .fifteenMinutes)
                return OverviewEntry(service: item.service, status: item.status, reports: counts.map(\.counted))
            }
        }
        return html(DashboardRenderer.overview(entries, asOf: detector.lastTick))
    }

    @Sendable func service(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let slug = ServiceSlug(rawValue: context.parameters.get("slug") ?? "") else {
            return html(DashboardRenderer.notFound("There is no such service."), status: .notFound)
        }
        let notice: DashboardRenderer.Notice? = request.uri.queryParameters.get("reported") == "1" ? .thanks : nil
        do {
            let report = try await ServiceController.statusReport(slug, reader: reader, detector: latest.detector)
            return html(DashboardRenderer.service(report, notice: notice))
        } catch let error as APIError where error.status == .notFound {
            return html(DashboardRenderer.notFound("\(slug) is not a monitored service."), status: .notFound)
        }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let slug = ServiceSlug(rawValue: context.parameters.get("slug") ?? "") else {
            return html(DashboardRenderer.notFound("There is no such service."), status: .notFound)
        }
        if let refusal = SameOriginCheck.refusal(request, publicURL: settings.publicURL) {
            metrics?.rejected(1, reason: "cross_site")
            return html(DashboardRenderer.forbidden(refusal), status: .forbidden)
        }
        let form: [String: String]
        do {
            let sender = try await ingestor.sender(of: request, context: context)
            let body = try await collectBody(request, limit: 16 * 1024, metrics: metrics)
            form = FormDecoding.fields(String(buffer: body))
            let input = ReportInput(
                service: slug.rawValue, region: form["region"] ?? "", problem: form["problem"], at: nil, reporter: nil,
                comment: form["comment"])
            _ = try await ingestor.ingest(input, sender: sender)
        } catch let error as APIError {
            // Show the page again with the reason, and the status the API would give.
            let report = try await ServiceController.statusReport(slug, reader: reader, detector: latest.detector)
            var response = html(DashboardRenderer.service(report, notice: .error(error.message)), status: error.status)
            if let retry = error.retryAfterSeconds { response.headers[.retryAfter] = String(retry) }
            return response
        }
        return Response.redirect(to: "/services/\(HTML.urlComponent(slug.rawValue))?reported=1", type: .found)
    }

    /// An HTML page with ``HTMLSecurityHeaders``.
    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: HTMLSecurityHeaders.fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// `application/x-www-form-urlencoded` fields (the last value of a repeated name wins).
enum FormDecoding {
    static func fields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.map({ decode($0) }), !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
