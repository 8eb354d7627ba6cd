import OutcryEngine
import OutcryModel

/// Prints incident lists and group events for the terminal, always with the unofficial label.
enum IncidentListPrinter {
    static func printSummaries(_ incidents: [Incident], events: [GroupEvent], console: Console) {
        guard !incidents.isEmpty || !events.isEmpty else { return }
        console.line(IncidentExportDocument.disclaimer)
        for incident in incidents.sorted(by: { $0.startedAt < $1.startedAt }) {
            // Summaries quote official titles: remote text.
            console.line(TerminalText.sanitized("  [\(incident.status.rawValue)] \(incident.summary)"))
        }
        for event in events {
            console.line(TerminalText.sanitized("  [group \(event.group)] \(event.summary)"))
        }
    }

    static func printTable(_ incidents: [Incident], console: Console) {
        console.line(IncidentExportDocument.disclaimer)
        guard !incidents.isEmpty else {
            console.line("no incidents")
            return
        }
        var table = TextTable(
            headers: [
                "ID", "SERVICE", "REGION", "SCOPE", "STATUS", "LEVEL", "STARTED (UTC)", "DURATION", "PEAK/15m", "USUAL",
                "LABEL",
            ],
            rightAligned: [8, 9]
        )
        for incident in incidents {
            let end = incident.endedAt ?? incident.peakAt
            table.add([
                incident.id, incident.service.rawValue, incident.region.code, incident.scope.rawValue,
                incident.status.rawValue, incident.level.rawValue, incident.startedAt.iso8601,
                StatusTextRenderer.duration(seconds: end.secondsSince(incident.startedAt))
                    + (incident.endedAt == nil ? "+" : ""),
                "\(incident.peakReports)", StatusTextRenderer.format(incident.baselineReports), incident.label,
            ])
        }
        console.write(table.render())
    }
}
