import Foundation
import HTTPTypes
package import Hummingbird
import OutcryEngine
import OutcryModel

/// An error a client may see: a status and a JSON body `{"error": "...", "field": "...", "index": 3}`.
///
/// Controllers map domain errors to this; anything else becomes Hummingbird's empty 500. Messages never hold
/// SQL, paths, reporter ids or client addresses.
package struct APIError: HTTPResponseError, Sendable {
    package var status: HTTPResponse.Status
    package var message: String
    /// The input field at fault (`region`, `body`, a query parameter…).
    package var field: String?
    /// The position of the faulty report in the request's array.
    package var index: Int?
    /// Sent as `Retry-After` (429, 503).
    package var retryAfterSeconds: Int?
    /// Sent as `WWW-Authenticate` (401).
    package var challenge: String?

    package init(
        _ status: HTTPResponse.Status, _ message: String, field: String? = nil, index: Int? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.status = status
        self.message = message
        self.field = field
        self.index = index
        self.retryAfterSeconds = retryAfterSeconds
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = "{\"error\":\(JSONText.string(message))"
        if let field { json += ",\"field\":\(JSONText.string(field))" }
        if let index { json += ",\"index\":\(index)" }
        json += "}"
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let challenge { headers[.wwwAuthenticate] = challenge }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
