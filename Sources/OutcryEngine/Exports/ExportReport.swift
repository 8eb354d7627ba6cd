package import OutcryModel

/// Everything an export shows, prepared once (by ``Engine/exportReport(_:format:detector:)`` or by hand in
/// tests) and turned into text by pure renderers, so the daemon can reuse them.
package struct ExportReport: Sendable {
    /// The instant the export describes (the clock's now, fixed in tests).
    package var generatedAt: Timestamp
    /// The range the user asked for, as given (nil ends are open).
    package var since: Timestamp?
    package var until: Timestamp?
    /// The range shown: the asked range, with open ends closed around the incidents (see ``ExportRange``).
    package var range: ExportRange
    /// The selected incidents, most recent onset first.
    package var incidents: [Incident]
    package var groupEvents: [GroupEvent]
    /// The monitored services in scope: every service for Statuspage components, else those with incidents.
    package var services: [MonitoredService]
    /// One chart per service (or one for `--incident`); empty for formats without charts.
    package var charts: [ServiceChart]
    /// Incident histories of the services with incidents, by service order; empty for formats without history.
    package var histories: [IncidentHistory]
    /// The detector's current level per service (the worst of the service as a whole and its regions), for
    /// Statuspage components; empty when no detector state was available.
    package var currentLevels: [ServiceSlug: AlertLevel]

    package init(
        generatedAt: Timestamp, since: Timestamp?, until: Timestamp?, range: ExportRange, incidents: [Incident],
        groupEvents: [GroupEvent], services: [MonitoredService], charts: [ServiceChart] = [],
        histories: [IncidentHistory] = [], currentLevels: [ServiceSlug: AlertLevel] = [:]
    ) {
        self.generatedAt = generatedAt
        self.since = since
        self.until = until
        self.range = range
        self.incidents = incidents
        self.groupEvents = groupEvents
        self.services = services
        self.charts = charts
        self.histories = histories
        self.currentLevels = currentLevels
    }

    /// The JSON export document of the same selection.
    package var jsonDocument: IncidentExportDocument {
        IncidentExportDocument(
            generatedAt: generatedAt, since: since, until: until, incidents: incidents, groupEvents: groupEvents)
    }

    /// Services by slug.
    var servicesBySlug: [ServiceSlug: MonitoredService] {
        Dictionary(services.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Histories by service, for renderers that look up many.
    var historiesBySlug: [ServiceSlug: IncidentHistory] {
        Dictionary(histories.map { ($0.service.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
