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

    package init(
        generatedAt: Timestamp, since: Timestamp?, until: Timestamp?, incidents: [Incident], groupEvents: [GroupEvent]
    ) {
        self.generatedAt = generatedAt
        self.since = since
        self.until = until
        self.incidents = incidents
        self.groupEvents = groupEvents
    }

    /// Pretty-printed JSON with sorted keys (stable diffs): byte for byte what JSONEncoder with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes, without a final newline.
    ///
    /// - Throws: when a number is not finite (as JSONEncoder would).
    package func jsonText() throws -> String {
        var out = ExportOutput()
        try write(to: &out)
        return try out.finish()
    }

    /// Streams ``jsonText()`` into `out`.
    package func write(to out: inout ExportOutput) throws {
        try Self.write(
            generatedAt: generatedAt, label: label, disclaimer: disclaimer, since: since, until: until,
            incidents: incidents, groupEvents: groupEvents, to: &out
        )
    }

    /// Streams the document of these fields into `out`, so callers need not copy the incidents into a document.
    package static func write(
        generatedAt: Timestamp, label: String = Incident.unofficialLabel, disclaimer: String = Self.disclaimer,
        since: Timestamp?, until: Timestamp?, incidents: [Incident], groupEvents: [GroupEvent],
        to out: inout ExportOutput
    ) throws {
        var json = PrettyJSONWriter()
        json.beginObject(&out)
        json.member("disclaimer", string: disclaimer, &out)
        json.member("generated_at", time: generatedAt, &out)
        json.key("group_events", &out)
        json.beginArray(&out)
        for event in groupEvents {
            json.element(&out)
            try json.write(event, &out)
        }
        json.endArray(&out)
        json.key("incidents", &out)
        json.beginArray(&out)
        // By position: iterating would copy every incident.
        for index in incidents.indices {
            json.element(&out)
            try json.write(incidents[index], &out)
        }
        json.endArray(&out)
        json.member("label", string: label, &out)
        if let since { json.member("since", time: since, &out) }
        if let until { json.member("until", time: until, &out) }
        json.endObject(&out)
    }
}
