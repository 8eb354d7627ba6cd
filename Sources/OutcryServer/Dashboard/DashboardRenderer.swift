import Foundation
import OutcryDetection
import OutcryEngine
import OutcryModel

/// One service on the overview: its level and its last 24 hours of reports.
struct OverviewEntry: Sendable {
    var service: MonitoredService
    var status: SeriesStatus?
    var reports: [Int]
}

/// Server-rendered HTML for the dashboard (the overview and the Downdetector-style service page).
enum DashboardRenderer {
    static let unofficialNote = """
        <div class="unofficial"><strong>Unofficial</strong> — these are indicators inferred from user problem \
        reports, not confirmations. Only the service itself can confirm an outage.</div>
        """

    static func overview(_ entries: [OverviewEntry], asOf: Timestamp?) -> String {
        var body = "<h1>Service status</h1>"
        body += "<p class=\"muted\">Reports per 15 minutes over the last 24 hours, most troubled first"
        if let asOf { body += " · as of \(HTML.escape(asOf.iso8601))" }
        body += ".</p>"
        body += unofficialNote
        if entries.isEmpty {
            body +=
                "<div class=\"card\">No services are monitored yet. Add one with <code>outcry service add SLUG</code>.</div>"
        }
        body += "<div class=\"services\">"
        for entry in entries {
            let level = entry.status?.level ?? .normal
            let total = entry.reports.reduce(0, +)
            body += "<a class=\"service\" href=\"/services/\(HTML.urlComponent(entry.service.slug.rawValue))\">"
            body += "<div class=\"row\"><span class=\"name\">\(HTML.escape(entry.service.name))</span>"
            body += "<span class=\"level \(level.rawValue)\">\(levelText(level))</span></div>"
            body += "<div class=\"meta\">\(total) reports in 24 h"
            if let status = entry.status, status.baseline > 0 {
                body += " · now \(Int(status.observed)) vs \(formatNumber(status.baseline)) expected"
            }
            if entry.status?.isPossibleFlood == true { body += " · possible flood" }
            body += "</div>"
            body += SVGChartRenderer.sparkline(entry.reports, level: level)
            body += "</a>"
        }
        body += "</div>"
        return HTML.page(title: "Outcry — service status (unofficial)", body: body)
    }

    /// The service page; `notice` is a thank-you or an error from the report form.
    static func service(_ report: ServiceStatusReport, notice: Notice? = nil) -> String {
        let service = report.service
        let slug = HTML.urlComponent(service.slug.rawValue)
        var body = "<p><a href=\"/\">← All services</a></p>"
        body += "<div class=\"headline\"><h1>\(HTML.escape(service.name))</h1>"
        body += "<span class=\"level \(report.level.rawValue)\">\(levelText(report.level))</span></div>"
        body += "<p class=\"muted\">\(headline(report)) · as of \(HTML.escape(report.asOf.iso8601))</p>"
        body += unofficialNote
        switch notice {
        case .thanks: body += "<div class=\"thanks\">Thank you — your report was recorded.</div>"
        case .error(let message):
            body += "<div class=\"error\">Your report was not recorded: \(HTML.escape(message))</div>"
        case nil: break
        }
        body += "<section class=\"card\"><h2>User reports, last 24 hours</h2>"
        // The export's chart (reports against the baseline band, incidents shaded), with its legend inside.
        body += report.dayChart.map(SVGChartRenderer.element) ?? "<p class=\"muted\">No reports yet.</p>"
        body += "</section>"

        if let official = report.official { body += officialStatusHTML(official) }

        body += "<section class=\"card\"><h2>Incidents</h2>"
        if report.openIncidents.isEmpty && report.recentIncidents.isEmpty {
            body += "<p class=\"muted\">No incidents in the last 7 days.</p>"
        }
        for incident in report.openIncidents { body += incidentHTML(incident) }
        for incident in report.recentIncidents.prefix(8) { body += incidentHTML(incident) }
        body += "</section>"

        body += "<div class=\"grid2\"><section class=\"card\"><h2>Most reported problems</h2>"
        if report.topProblems.isEmpty { body += "<p class=\"muted\">No reports yet.</p>" }
        for share in report.topProblems {
            let percent = Int((share.share * 100).rounded())
            body += "<div class=\"problem\"><span>\(HTML.escape(share.problem.rawValue))</span>"
            body +=
                "<span class=\"track\"><span class=\"fill\" style=\"display:block;width:\(percent)%\"></span></span>"
            body += "<span>\(percent)%</span></div>"
        }
        body += "</section><section class=\"card\"><h2>Regions</h2>"
        if report.regions.isEmpty {
            body += "<p class=\"muted\">No regional reports yet.</p>"
        } else {
            body +=
                "<table><tr><th>Region</th><th>Level</th><th class=\"num\">Last 15 min</th><th class=\"num\">Expected</th><th class=\"num\">Ratio</th></tr>"
            for region in report.regions.prefix(15) {
                body += "<tr><td>\(HTML.escape(region.region.code))</td>"
                body += "<td><span class=\"level \(region.level.rawValue)\">\(levelText(region.level))</span></td>"
                body +=
                    "<td class=\"num\">\(Int(region.observed))</td><td class=\"num\">\(formatNumber(region.baseline))</td>"
                body += "<td class=\"num\">\(formatNumber(region.ratio))×</td></tr>"
            }
            body += "</table>"
        }
        body += "</section></div>"

        body += "<section class=\"card\"><h2>Having problems with \(HTML.escape(service.name))?</h2>"
        body += "<form class=\"report\" method=\"post\" action=\"/services/\(slug)/report\">"
        body +=
            "<label>Your country or region (ISO code)<input name=\"region\" required maxlength=\"6\" placeholder=\"US\"></label>"
        body += "<label>Problem<select name=\"problem\">"
        for problem in service.problems ?? ProblemKind.allCases {
            body += "<option value=\"\(problem.rawValue)\">\(HTML.escape(problem.rawValue))</option>"
        }
        body += "</select></label>"
        body += "<label>Comment (optional)<input name=\"comment\" maxlength=\"280\"></label>"
        body += "<button type=\"submit\">Report a problem</button></form>"
        body +=
            "<p class=\"muted\" style=\"font-size:12px\">Your address is used only to count repeated reports once; it is stored as a keyed hash, never as is.</p>"
        body += "</section>"
        return HTML.page(title: "\(service.name) status — unofficial user reports", body: body)
    }

    enum Notice {
        case thanks
        case error(String)
    }

    /// The page of a refused cross-site form post.
    static func forbidden(_ message: String) -> String {
        HTML.page(
            title: "Report refused",
            body: "<h1>Report refused</h1><p>\(HTML.escape(message.prefix(1).uppercased() + message.dropFirst())).</p>"
                + "<p>Open the service's page on this site and send the form from there.</p><p><a href=\"/\">All services</a></p>"
        )
    }

    static func notFound(_ message: String) -> String {
        HTML.page(
            title: "Not found",
            body: "<h1>Not found</h1><p>\(HTML.escape(message))</p><p><a href=\"/\">All services</a></p>")
    }

    /// The provider's status page as last read, beside the crowd chart: component status and open incidents.
    /// The page is named by scheme and host only, and a failed read by when, never by its error text (both
    /// may hold credentials, internal addresses or remote text; `outcry official list` shows the details).
    private static func officialStatusHTML(_ official: OfficialServiceStatus) -> String {
        var html = "<section class=\"card\"><h2>Official status page</h2>"
        html +=
            "<p class=\"muted\">The provider's own statements, read from \(HTML.escape(PublicLocation.redacted(official.source.location)))"
        guard let read = official.source.lastSuccessAt else {
            html += "; not read yet"
            if official.source.lastError != nil, let tried = official.source.lastAttemptAt {
                html += " (the status page could not be read; last tried at \(HTML.escape(tried.iso8601)))"
            }
            return html + ".</p></section>"
        }
        html += " at \(HTML.escape(read.iso8601)).</p>"
        var status = official.componentStatusText ?? "no component status listed"
        if let name = official.componentName { status = "\(name): \(status)" }
        html += "<p><strong>\(HTML.escape(status))</strong></p>"
        if official.openIncidents.isEmpty {
            html += "<p class=\"muted\">No open official incident.</p>"
        }
        for incident in official.openIncidents.prefix(5) {
            html +=
                "<div class=\"official\">since \(HTML.escape(incident.createdAt.iso8601)): “\(HTML.escape(incident.name))”</div>"
        }
        if official.source.lastError != nil {
            html += "<p class=\"muted\">The status page could not be read since \(HTML.escape(read.iso8601)); "
            html += "it is retried with backoff.</p>"
        }
        return html + "</section>"
    }

    /// The official status page's word beside the crowd signal: acknowledged (when, lead, link) or not.
    private static func officialHTML(_ official: OfficialAcknowledgement) -> String {
        guard official.isAcknowledged else {
            return "<div class=\"official none\">Official status page: <strong>not acknowledged</strong></div>"
        }
        var html = "<div class=\"official acknowledged\">Official status page: <strong>acknowledged</strong>"
        if let at = official.acknowledgedAt { html += " at \(HTML.escape(at.iso8601))" }
        if let lead = official.leadPhrase { html += ", " + HTML.escape(lead) }
        if let title = official.title {
            let text = "“\(HTML.escape(title))”"
            if let url = official.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                html += " — <a href=\"\(HTML.escape(url))\" rel=\"noopener noreferrer\">\(text)</a>"
            } else {
                html += " — \(text)"
            }
        }
        return html + "</div>"
    }

    private static func incidentHTML(_ incident: Incident) -> String {
        var html = "<div class=\"incident \(incident.status.rawValue)\">"
        html += "<div><span class=\"level \(incident.level.rawValue)\">\(levelText(incident.level))</span> "
        html +=
            "<strong>\(incident.status == .open ? "Ongoing" : "Resolved")</strong> · \(HTML.escape(incident.region.code))"
        html += " · <span class=\"muted\">label: \(HTML.escape(incident.label))</span></div>"
        html += "<div>\(HTML.escape(incident.summary))</div>"
        if incident.expected {
            html +=
                "<div class=\"expected\">expected: \(HTML.escape(incident.expectedReason ?? "quiet window")) (no alert sent)</div>"
        }
        if let official = incident.official { html += officialHTML(official) }
        html +=
            "<div class=\"when\">started \(HTML.escape(incident.startedAt.iso8601)), peak \(HTML.escape(incident.peakAt.iso8601))"
        if let ended = incident.endedAt { html += ", ended \(HTML.escape(ended.iso8601))" }
        html +=
            " · <a href=\"/v1/incidents/\(incident.id.split(separator: "/").map { HTML.urlComponent(String($0)) }.joined(separator: "/"))\">JSON</a></div>"
        html += "</div>"
        return html
    }

    private static func headline(_ report: ServiceStatusReport) -> String {
        switch report.level {
        case .likely: "User reports indicate likely problems with \(HTML.escape(report.service.name))"
        case .possible: "User reports indicate possible problems with \(HTML.escape(report.service.name))"
        case .normal: "User reports indicate no current problems with \(HTML.escape(report.service.name))"
        }
    }

    static func levelText(_ level: AlertLevel) -> String {
        switch level {
        case .normal: "normal"
        case .possible: "possible problems"
        case .likely: "likely outage"
        }
    }

    private static func formatNumber(_ value: Double) -> String {
        value >= 10 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}
