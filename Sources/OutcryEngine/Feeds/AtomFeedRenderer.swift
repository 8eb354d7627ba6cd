package import OutcryModel

/// One state change of an incident, as a feed shows it.
package struct IncidentFeedEntry: Sendable {
    /// The notification event's id (stable: the entry id is derived from it).
    package var eventID: Int64
    /// `opened`, `level_raised`, `widened`, `resolved` or `acknowledged`.
    package var kind: String
    package var occurredAt: Timestamp
    package var incident: Incident

    package init(eventID: Int64, kind: String, occurredAt: Timestamp, incident: Incident) {
        self.eventID = eventID
        self.kind = kind
        self.occurredAt = occurredAt
        self.incident = incident
    }
}

/// Renders incident state changes as an Atom 1.0 feed (RFC 4287) for feed readers and chat integrations:
/// one entry per change, newest first, every title and summary marked unofficial.
package enum AtomFeedRenderer {
    /// - Parameters:
    ///   - entries: newest first.
    ///   - baseURL: the daemon's public base URL without a trailing slash (`https://outcry.example.org`), for the
    ///     feed's self link and the entries' links to the incident API; empty for root-relative links
    ///     (`/v1/incidents/…`, resolved by readers against the feed's own address). Never the request's Host
    ///     header, which the client chooses.
    ///   - generatedAt: the feed's `updated` when it has no entries.
    ///   - feedIdentity: a permanent id for this feed (``Engine/feedIdentity``); the feed's and entries' ids
    ///     are URNs built from it, so they never change with the address the daemon is reached at.
    package static func render(
        _ entries: [IncidentFeedEntry], services: [MonitoredService], baseURL: String, generatedAt: Timestamp,
        feedIdentity: String
    ) -> String {
        let feedID = "urn:outcry:\(feedIdentity):incidents"
        let names = Dictionary(services.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        let updated = entries.map(\.occurredAt).max() ?? generatedAt
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>\(feedID.xmlEscaped)</id>
              <title>Outcry: likely outages (unofficial, based on user reports)</title>
              <subtitle>\(IncidentExportDocument.disclaimer.xmlEscaped)</subtitle>
              <updated>\(updated.iso8601)</updated>
              <author><name>Outcry</name></author>
              <generator>Outcry</generator>
              <link rel="self" type="application/atom+xml" href="\((baseURL + "/v1/incidents.atom").xmlEscaped)"/>
              <link rel="alternate" type="text/html" href="\((baseURL + "/").xmlEscaped)"/>

            """
        for entry in entries {
            let incident = entry.incident
            let name = names[incident.service] ?? incident.service.rawValue
            let link = baseURL + "/v1/incidents/" + incident.id
            xml += """
                  <entry>
                    <id>\((feedID + ":event:\(entry.eventID)").xmlEscaped)</id>
                    <title>\(title(entry, serviceName: name).xmlEscaped)</title>
                    <updated>\(entry.occurredAt.iso8601)</updated>
                    <published>\(entry.occurredAt.iso8601)</published>
                    <link rel="alternate" type="application/json" href="\(link.xmlEscaped)"/>
                    <category term="\(entry.kind.xmlEscaped)"/>
                    <category term="\(incident.service.rawValue.xmlEscaped)"/>
                    <summary>\(incident.summary.xmlEscaped)</summary>
                  </entry>

                """
        }
        xml += "</feed>\n"
        return xml
    }

    /// `Unofficial: likely outage of WhatsApp (US) opened`, one phrase per kind of change.
    static func title(_ entry: IncidentFeedEntry, serviceName: String) -> String {
        let incident = entry.incident
        let place = incident.region.isGlobal ? "all regions" : incident.region.code
        let subject = "likely outage of \(serviceName) (\(place))"
        let what: String
        switch entry.kind {
        case "opened": what = "Unofficial: \(subject) began"
        case "level_raised": what = "Unofficial: \(subject) is now \(incident.level.rawValue)"
        case "widened": what = "Unofficial: \(subject): widened from one region to the whole service"
        case "resolved": what = "Unofficial: \(subject) ended"
        case "acknowledged": what = "Official status page acknowledged the \(subject) (crowd report unofficial)"
        default: what = "Unofficial: \(subject): \(entry.kind)"
        }
        return what
    }

}
