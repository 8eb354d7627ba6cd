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

/// Query-parameter parsing that answers 400 naming the parameter.
extension Request {
    func timeParameter(_ name: String) throws -> Timestamp? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        do {
            return try ReportValidator.parseInstant(.text(text))
        } catch {
            throw APIError(
                .badRequest, "\(name) \(quoted(text)) is not a time; use ISO 8601 such as 2024-03-05T15:12:03Z, or epoch seconds",
                field: name)
        }
    }

    func booleanParameter(_ name: String) throws -> Bool? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError(.badRequest, "\(name) \(quoted(text)) is not a boolean; use true or false", field: name)
        }
    }

    func serviceParameter(_ name: String) throws -> ServiceSlug? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        do {
            return try ServiceSlug.parse(text, field: name)
        } catch {
            throw APIError(.badRequest, error.description, field: name)
        }
    }
}

