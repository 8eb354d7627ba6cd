import Foundation
import HTTPTypes
import Hummingbird
import OutcryModel

/// JSON bodies for the reading API: sorted keys, snake_case names chosen by each DTO's coding keys.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// Query strings, parsed by the model's bounded parsers (`OutcryModel/Query`); errors answer 400 naming the
/// parameter (414 for an over-long query string).
extension Request {
    /// The request's query split and decoded within ``QueryParameters``' bounds.
    func queryParameters() throws -> QueryParameters {
        do {
            return try QueryParameters(rawQuery: uri.query ?? "")
        } catch {
            throw APIError(error)
        }
    }

    /// Runs `parse` on the request's query, mapping its errors to ``APIError``.
    func parseQuery<Value>(_ parse: (QueryParameters) throws(QueryParameterError) -> Value) throws -> Value {
        let parameters = try queryParameters()
        do {
            return try parse(parameters)
        } catch {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// 400 (414 for an over-long query string) with the parameter's name as `field`.
    init(_ error: QueryParameterError) {
        self.init(error.isTooLong ? .uriTooLong : .badRequest, error.message, field: error.field)
    }
}
