import Foundation
package import OutcryModel
import OutcryStore

/// The JSON body of a notification: the incident's public object (as `GET /v1/incidents` gives it, label
/// "unofficial" included) plus `event`, `event_id` and `occurred_at`. Built once when the event is recorded.
package enum NotificationPayload {
    /// The body for `change`, stored as event `eventID`.
    package static func json(for change: IncidentChange, eventID: Int64) throws -> String {
        let body = EventBody(
            incident: change.incident, event: change.kind.rawValue, eventID: eventID, occurredAt: change.occurredAt
        )
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    /// The body of `outcry notify test`: clearly a test, about no incident, so receivers can tell it apart.
    package static func test(hookID: Int64, now: Timestamp) -> String {
        var out = "{\"event\":\"test\",\"event_id\":0,\"hook_id\":\(hookID),\"label\":"
        out += "\"\(Incident.unofficialLabel)\",\"occurred_at\":\"\(now.iso8601)\","
        out += "\"summary\":\"Test notification from outcry: this is not an incident.\",\"test\":true}"
        return out
    }

    /// Sorted keys and unescaped slashes, as the store writes incident bodies.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The incident's own keys and the event's, in one object.
    private struct EventBody: Encodable {
        var incident: Incident
        var event: String
        var eventID: Int64
        var occurredAt: Timestamp

        enum CodingKeys: String, CodingKey {
            case event
            case eventID = "event_id"
            case occurredAt = "occurred_at"
        }

        func encode(to encoder: any Encoder) throws {
            try incident.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(event, forKey: .event)
            try container.encode(eventID, forKey: .eventID)
            try container.encode(occurredAt, forKey: .occurredAt)
        }
    }
}
