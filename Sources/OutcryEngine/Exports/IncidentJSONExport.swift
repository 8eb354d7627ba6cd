import Foundation
package import OutcryModel

/// The `outcry export --format json` document: a public interface, keep the names stable.
package struct IncidentExportDocument: Codable, Sendable {
    package var generatedAt: Timestamp
    package var label: String = Incident.unofficialLabel
    /// Plain-language reminder of what the data is.
    package var disclaimer: String = IncidentExportDocument.disclaimer
    package var since: Timestamp?
    package var until: Timestamp?
    package var incidents: [Incident]
    package var groupEvents: [GroupEvent]

    /// Said by every output that shows incidents.
    package static let disclaimer =
        "Unofficial: these incidents are inferred from user problem reports. They indicate likely outages; "
        + "they are not confirmed by the services."

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case label, disclaimer, since, until, incidents
        case groupEvents = "group_events"
    }

    package init(generatedAt: Timestamp, since: Timestamp?, until: Timestamp?, incidents: [Incident], groupEvents: [GroupEvent]) {
        self.generatedAt = generatedAt
        self.since = since
        self.until = until
        self.incidents = incidents
        self.groupEvents = groupEvents
    }

    /// Pretty-printed JSON with sorted keys (stable diffs).
    package func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
