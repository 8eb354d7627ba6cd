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

    /// The sample incident of a native notifier's `notify test`: plausible numbers, a summary that says it is
    /// a test, and an id of its own (`<service>/global/test-hook-<id>`), so it never matches a real incident.
    package static func sampleIncident(hookID: Int64, service: ServiceSlug?, now: Timestamp, resolved: Bool)
        -> Incident?
    {
        guard let slug = service ?? ServiceSlug(rawValue: "example") else { return nil }
        let regions = ["US", "GB"].compactMap { try? Region.parse($0) }
        return Incident(
            id: "\(slug.rawValue)/global/test-hook-\(hookID)", service: slug, region: .global,
            status: resolved ? .resolved : .open, level: .likely, detectedAt: now, startedAt: now.adding(minutes: -6),
            peakAt: now, endedAt: resolved ? now : nil, peakReports: 240, baselineReports: 20, totalReports: 610,
            excessReports: 520, scope: .global, regions: regions,
            topProblems: [
                ProblemShare(problem: .messaging, share: 0.62), ProblemShare(problem: .login, share: 0.21),
                ProblemShare(problem: .app, share: 0.09),
            ],
            problemMixShift: 0.1,
            summary: "Unofficial: TEST notification from Outcry, a sample likely outage (not a real incident).",
            evidence: IncidentEvidence(
                baseline: 20, observed: 240, statistic: 9.5, ratio: 12, reporters: 180, possibleThreshold: 3,
                likelyThreshold: 5, minimumRatio: 2, minimumReporters: 5, baselineMature: true
            )
        )
    }

    /// The stored-body form of a sample incident (as ``json(for:eventID:)`` would write it).
    package static func sample(_ incident: Incident) -> String {
        (try? encoder.encode(EventBody(incident: incident, event: "test", eventID: 0, occurredAt: incident.detectedAt)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
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
