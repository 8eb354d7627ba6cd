import OutcryModel

/// How the exports word what a service's official status page said about a crowd incident
/// (``Incident/official``). The incident stays unofficial either way: this only sets the provider's own word
/// beside it.
enum OfficialStatusText {
    /// The summary-table cell: `acknowledged +27 min` (minutes after users began reporting; `-12 min` when the
    /// status page spoke first), `not acknowledged`, or `—` when the service has no linked status page.
    static func cell(_ official: OfficialAcknowledgement?) -> String {
        guard let official else { return "—" }
        guard official.isAcknowledged else { return "not acknowledged" }
        guard let lead = official.leadMinutes else { return "acknowledged" }
        return "acknowledged \(lead < 0 ? "-" : "+")\(ExportText.duration(seconds: Int64(abs(lead)) * 60))"
    }

    /// `Official status page: acknowledged at 15:58 UTC, 27 min after users began reporting — "Messaging
    /// delays" (https://…)`, or `Official status page: not acknowledged`; nil without a linked status page.
    static func line(for incident: Incident) -> String? {
        guard let official = incident.official else { return nil }
        guard official.isAcknowledged else { return "Official status page: not acknowledged" }
        var text = "Official status page: acknowledged"
        if let at = official.acknowledgedTimeText(besides: incident.startedAt) { text += " at " + at }
        if let lead = official.leadPhrase { text += ", " + lead }
        if let title = official.title, !title.isEmpty { text += " — \"\(title)\"" }
        if let url = official.url, !url.isEmpty { text += " (\(url))" }
        return text
    }

    /// The sentence a Statuspage update adds: whether `name`'s official page acknowledged the problem; nil without
    /// a linked status page.
    static func statuspageSentence(for incident: Incident, name: String) -> String? {
        guard let official = incident.official else { return nil }
        guard official.isAcknowledged else {
            return "The official \(name) status page has not acknowledged a problem."
        }
        var text = "The official \(name) status page acknowledged a problem"
        if let at = official.acknowledgedAt { text += " at \(ExportText.dateTime(at))" }
        if let lead = official.leadPhrase { text += " (\(lead))" }
        if let title = official.title, !title.isEmpty { text += ": \"\(title)\"" }
        return text + "."
    }
}
