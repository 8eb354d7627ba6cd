import CoreMetrics
import Foundation
import HTTPTypes
package import Hummingbird
import Metrics
import NIOCore
import OutcryModel

/// `POST /v1/reports`: one report object or an array of up to 10,000; 202 only after COMMIT. Who may send
/// what (anonymous, client token, relay token) is decided by ``ReportTrust``.
package struct ReportController: Sendable {
    let ingestor: ReportIngestor
    let settings: ServerSettings
    let metrics: ServerMetrics?

    package var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("reports", use: post)
        return routes
    }

    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let sender = try await ingestor.sender(of: request, context: context)
        let partial = try request.parseQuery(ReportsQuery.parse).partial
        let body = try await collectBody(request, limit: settings.maximumBodyBytes, metrics: metrics)
        let outcome = try await ingestor.ingest(json: body, partial: partial, sender: sender)
        metrics?.ingestDuration.recordNanoseconds((ContinuousClock.now - started).wholeNanoseconds)
        return Response(
            status: .accepted, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: outcome.json(partial: partial)))
        )
    }
}

/// Reads a request body of at most `limit` bytes; 413 above it (checked on `Content-Length` first).
func collectBody(_ request: Request, limit: Int, metrics: ServerMetrics?) async throws -> ByteBuffer {
    let tooLarge = APIError(.contentTooLarge, "the body is larger than \(limit) bytes", field: "body")
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
        metrics?.rejected(1, reason: "too_large")
        throw tooLarge
    }
    do {
        return try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
        metrics?.rejected(1, reason: "too_large")
        throw tooLarge
    }
}
