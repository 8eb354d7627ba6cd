package import OutcryModel

/// A fake but realistic Statuspage v2 page for WhatsApp, and the crowd incident it acknowledges.
///
/// The crowd onset is 2024-03-05T15:31:00Z; the page posted "Messaging delays" at 15:58:12.345Z, 27 minutes
/// later (impact `major`, component Messaging). `incidents.json` also lists two resolved incidents: a login
/// problem on WhatsApp Web on 1 March and a page-wide one on 20 February that names no component.
package enum StatuspageFixtures {
    /// 2024-03-05T15:31:00Z: where users began reporting.
    package static let crowdOnset = Timestamp(seconds: 1_709_652_660)
    /// 2024-03-05T15:58:12Z: when the page posted the incident (27 min after the onset).
    package static let acknowledgedAt = Timestamp(seconds: 1_709_654_292)
    /// 2024-03-05T16:40:00Z: when the page resolved it (in ``resolvedSummaryJSON``).
    package static let resolvedAt = Timestamp(seconds: 1_709_656_800)
    package static let pageURL = "https://status.whatsapp.example"
    package static let openIncidentID = "p7qv2x9k4m1d"
    package static let openIncidentTitle = "Messaging delays"
    package static let openIncidentShortlink = "https://stspg.io/wa1msg"

    /// A component object as Statuspage writes it.
    static func component(_ id: String, _ name: String, _ status: String, updated: String) -> String {
        """
        {"id": "\(id)", "name": "\(name)", "status": "\(status)", "created_at": "2019-04-02T10:00:00.000Z",
         "updated_at": "\(updated)", "position": 1, "description": null, "showcase": true, "start_date": null,
         "group_id": null, "page_id": "wa7x0c1k2m3n", "group": false, "only_show_if_degraded": false}
        """
    }

    static let page = """
        {"id": "wa7x0c1k2m3n", "name": "WhatsApp", "url": "\(pageURL)", "time_zone": "Etc/UTC",
         "updated_at": "2024-03-05T16:05:00.000Z"}
        """

    /// The open incident; `status`, `resolved` and `updated` vary between reads.
    static func openIncident(
        status: String = "investigating", resolved: String? = nil, updated: String = "2024-03-05T16:05:00.000Z"
    )
        -> String
    {
        let resolvedValue = resolved.map { "\"\($0)\"" } ?? "null"
        let resolvedUpdate =
            resolved.map {
                """
                {"id": "u3", "status": "resolved", "body": "Messages are being delivered normally again.",
                 "incident_id": "\(openIncidentID)", "created_at": "\($0)", "updated_at": "\($0)", "display_at": "\($0)",
                 "affected_components": null, "deliver_notifications": true, "custom_tweet": null, "tweet_id": null},
                """
            } ?? ""
        return """
            {"id": "\(openIncidentID)", "name": "\(openIncidentTitle)", "status": "\(status)",
             "created_at": "2024-03-05T15:58:12.345Z", "updated_at": "\(updated)", "monitoring_at": null,
             "resolved_at": \(resolvedValue), "impact": "major", "shortlink": "\(openIncidentShortlink)",
             "started_at": "2024-03-05T15:58:12.339Z", "page_id": "wa7x0c1k2m3n",
             "incident_updates": [\(resolvedUpdate)
               {"id": "u2", "status": "identified", "body": "We have identified the cause of delayed messages.",
                "incident_id": "\(openIncidentID)", "created_at": "2024-03-05T16:05:00.000Z",
                "updated_at": "2024-03-05T16:05:00.000Z", "display_at": "2024-03-05T16:05:00.000Z",
                "affected_components": [{"code": "cmp-msg", "name": "Messaging", "old_status": "degraded_performance",
                  "new_status": "partial_outage"}], "deliver_notifications": true, "custom_tweet": null, "tweet_id": null},
               {"id": "u1", "status": "investigating", "body": "Some users are experiencing delays sending messages.",
                "incident_id": "\(openIncidentID)", "created_at": "2024-03-05T15:58:12.345Z",
                "updated_at": "2024-03-05T15:58:12.345Z", "display_at": "2024-03-05T15:58:12.345Z",
                "affected_components": null, "deliver_notifications": true, "custom_tweet": null, "tweet_id": null}],
             "components": [\(component("cmp-msg", "Messaging", "partial_outage", updated: "2024-03-05T16:05:00.000Z"))],
             "reminder_intervals": null}
            """
    }

    static let webLoginIncident = """
        {"id": "k2j8d0s1a9f3", "name": "Login issues on WhatsApp Web", "status": "resolved",
         "created_at": "2024-03-01T09:12:40.120Z", "updated_at": "2024-03-01T10:05:00.000Z",
         "monitoring_at": "2024-03-01T09:50:00.000Z", "resolved_at": "2024-03-01T10:05:00.000Z", "impact": "minor",
         "shortlink": "https://stspg.io/wa1web", "started_at": "2024-03-01T09:12:40.115Z", "page_id": "wa7x0c1k2m3n",
         "incident_updates": [{"id": "w1", "status": "resolved", "body": "Resolved.", "incident_id": "k2j8d0s1a9f3",
           "created_at": "2024-03-01T10:05:00.000Z", "updated_at": "2024-03-01T10:05:00.000Z"}],
         "components": [\(component("cmp-web", "WhatsApp Web", "operational", updated: "2024-03-01T10:05:00.000Z"))]}
        """

    static let pageWideIncident = """
        {"id": "z9y8x7w6v5u4", "name": "Elevated error rates", "status": "postmortem",
         "created_at": "2024-02-20T22:01:05.000Z", "updated_at": "2024-02-22T08:00:00.000Z",
         "resolved_at": "2024-02-20T23:30:00.000Z", "impact": "critical", "shortlink": null,
         "started_at": "2024-02-20T21:45:00.000Z", "incident_updates": [], "components": []}
        """

    /// `summary.json` during the outage: Messaging partially out, Web degraded, the open incident.
    package static let summaryJSON = """
        {"page": \(page),
         "components": [
           \(component("cmp-msg", "Messaging", "partial_outage", updated: "2024-03-05T16:05:00.000Z")),
           \(component("cmp-calls", "Voice and Video Calls", "operational", updated: "2024-02-21T08:00:00.000Z")),
           \(component("cmp-web", "WhatsApp Web", "degraded_performance", updated: "2024-03-05T16:01:00.000Z"))],
         "incidents": [\(openIncident(status: "identified"))],
         "scheduled_maintenances": [],
         "status": {"indicator": "major", "description": "Partial System Outage"}}
        """

    /// `incidents.json` during the outage: the open incident and two resolved ones.
    package static let incidentsJSON = """
        {"page": \(page),
         "incidents": [\(openIncident(status: "identified")), \(webLoginIncident), \(pageWideIncident)]}
        """

    /// `summary.json` after the outage: everything operational, no unresolved incident.
    package static let resolvedSummaryJSON = """
        {"page": \(page),
         "components": [
           \(component("cmp-msg", "Messaging", "operational", updated: "2024-03-05T16:40:00.000Z")),
           \(component("cmp-calls", "Voice and Video Calls", "operational", updated: "2024-02-21T08:00:00.000Z")),
           \(component("cmp-web", "WhatsApp Web", "operational", updated: "2024-03-05T16:40:00.000Z"))],
         "incidents": [],
         "status": {"indicator": "none", "description": "All Systems Operational"}}
        """

    /// `incidents.json` after the outage: only the March incident, now resolved (the older ones have aged
    /// out of the feed, as they do on real pages).
    package static let resolvedIncidentsJSON = """
        {"page": \(page),
         "incidents": [\(openIncident(status: "resolved", resolved: "2024-03-05T16:40:00.000Z", updated: "2024-03-05T16:40:00.000Z"))]}
        """

    /// The incident of the hostile page: `created_at` is the smallest Int64 (the number that used to kill
    /// `official sync` and, once linked, the daemon at every start).
    package static let hostileIncident = """
        {"id": "h0st1le", "name": "Hostile", "status": "investigating", "created_at": -9223372036854775808,
         "impact": "minor", "incident_updates": [], "components": []}
        """

    /// `incidents.json` of a hostile page: the three incidents of ``incidentsJSON`` and, at index 3,
    /// ``hostileIncident``.
    package static let hostileIncidentsJSON = """
        {"page": \(page),
         "incidents": [\(openIncident(status: "identified")), \(webLoginIncident), \(pageWideIncident), \(hostileIncident)]}
        """

    /// What the decoder says about ``hostileIncidentsJSON``, after the document's name.
    package static let hostileProblemReason =
        "incidents[3].created_at is out of range (-9223372036854775808 seconds since 1970); "
        + "expected a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z"

    /// What the decoder says about ``hostileIncidentsJSON`` read as `incidents.json`.
    package static let hostileProblem = "incidents.json: " + hostileProblemReason

    /// A crowd incident of `service` (global, likely) starting at `startedAt` (the onset by default).
    package static func crowdIncident(
        service: ServiceSlug = MonitoredService.fixture().slug, region: Region = .global,
        startedAt: Timestamp = crowdOnset, endedAt: Timestamp? = nil
    ) -> Incident {
        let end = endedAt.map { " to \($0.iso8601)" } ?? ""
        return Incident(
            id: "\(service)/\(region.code)/\(startedAt.epochMinute)", service: service, region: region,
            status: endedAt == nil ? .open : .resolved, level: .likely, detectedAt: startedAt.adding(minutes: 4),
            startedAt: startedAt, peakAt: startedAt.adding(minutes: 10), endedAt: endedAt, peakReports: 420,
            baselineReports: 30, totalReports: 1800, excessReports: 1500, scope: region.isGlobal ? .global : .regional,
            regions: [], topProblems: [ProblemShare(problem: .messaging, share: 0.7)], problemMixShift: 0.4,
            summary:
                "Unofficial: user reports indicate problems with WhatsApp (messaging 70%) from \(startedAt.iso8601)\(end).",
            evidence: IncidentEvidence(
                baseline: 30, observed: 420, statistic: 12, ratio: 14, reporters: 300, possibleThreshold: 3,
                likelyThreshold: 6, minimumRatio: 2, minimumReporters: 10, baselineMature: true
            )
        )
    }
}
