import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// `--format statuspage`: the field names and value sets of Statuspage v2's `summary.json`, and a
/// conservative mapping of crowd evidence.
@Suite(.timeLimit(.minutes(10))) struct StatuspageExportTests {
    static let topKeys: Set<String> = ["page", "status", "components", "incidents", "scheduled_maintenances"]
    static let pageKeys: Set<String> = ["id", "name", "url", "time_zone", "updated_at"]
    static let componentKeys: Set<String> = [
        "id", "name", "status", "created_at", "updated_at", "position", "description", "showcase", "group_id",
        "page_id", "group", "only_show_if_degraded",
    ]
    static let incidentKeys: Set<String> = [
        "id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact", "shortlink",
        "started_at", "page_id", "incident_updates", "components",
    ]
    static let updateKeys: Set<String> = [
        "id", "status", "body", "incident_id", "created_at", "updated_at", "display_at", "affected_components",
        "deliver_notifications", "custom_tweet", "tweet_id",
    ]
    static let componentStatuses: Set<String> = [
        "operational", "degraded_performance", "partial_outage", "major_outage",
    ]
    static let incidentStatuses: Set<String> = ["investigating", "identified", "monitoring", "resolved", "postmortem"]
    static let impacts: Set<String> = ["none", "minor", "major", "critical"]

    static func document(_ report: ExportReport = ExportScenario.report()) throws -> [String: Any] {
        let text = StatuspageRenderer.render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func hasTheSummaryJSONShape() throws {
        let json = try Self.document()
        #expect(Set(json.keys) == Self.topKeys)
        let page = try #require(json["page"] as? [String: Any])
        #expect(Set(page.keys) == Self.pageKeys)
        #expect(page["updated_at"] as? String == "2024-03-05T18:00:00Z" && page["time_zone"] as? String == "Etc/UTC")
        let status = try #require(json["status"] as? [String: Any])
        #expect(Set(status.keys) == ["indicator", "description"])
        #expect((json["scheduled_maintenances"] as? [Any])?.isEmpty == true)
    }

    @Test func componentsUseTheRealFieldsAndStatuses() throws {
        let components = try #require(try Self.document()["components"] as? [[String: Any]])
        #expect(components.count == 4 + 2, "a component per service plus the meta and google groups")
        for component in components {
            let isGroup = component["group"] as? Bool == true
            #expect(Set(component.keys) == Self.componentKeys.union(isGroup ? ["components"] : []))
            #expect(Self.componentStatuses.contains(component["status"] as? String ?? ""))
            #expect(component["status"] as? String != "major_outage", "crowd evidence never says major_outage")
            #expect(component["position"] is Int)
            #expect(component["group_id"] is NSNull || component["group_id"] is String)
        }
        func status(_ id: String) -> String? { components.first { $0["id"] as? String == id }?["status"] as? String }
        #expect(status("instagram") == "partial_outage")
        #expect(status("gmail") == "degraded_performance")
        #expect(status("whatsapp") == "operational")
        #expect(status("cafe") == "operational")
        #expect(status("group-meta") == "partial_outage")
        let whatsapp = try #require(components.first { $0["id"] as? String == "whatsapp" })
        #expect(whatsapp["group_id"] as? String == "group-meta")
        #expect((whatsapp["description"] as? String)?.hasPrefix("Unofficial") == true)
    }

    @Test func incidentsAreNamedUnofficialWithConservativeValues() throws {
        let json = try Self.document()
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        #expect(incidents.count == ExportScenario.incidents.count)
        for incident in incidents {
            #expect(Set(incident.keys) == Self.incidentKeys)
            #expect((incident["name"] as? String)?.hasPrefix("Unofficial:") == true)
            let status = incident["status"] as? String ?? ""
            #expect(["investigating", "resolved"].contains(status) && Self.incidentStatuses.contains(status))
            #expect(
                Self.impacts.contains(incident["impact"] as? String ?? "")
                    && incident["impact"] as? String != "critical")
            #expect(incident["monitoring_at"] is NSNull)
            let updates = try #require(incident["incident_updates"] as? [[String: Any]])
            #expect(!updates.isEmpty)
            for update in updates {
                #expect(Set(update.keys) == Self.updateKeys)
                #expect(Self.incidentStatuses.contains(update["status"] as? String ?? ""))
                #expect((update["body"] as? String)?.hasPrefix("Unofficial:") == true)
            }
            #expect((incident["components"] as? [[String: Any]])?.count == 1)
        }
        let open = try #require(incidents.first { $0["id"] as? String == ExportScenario.instagramOpen.id })
        #expect(open["status"] as? String == "investigating" && open["resolved_at"] is NSNull)
        #expect(open["impact"] as? String == "major")
        let regional = try #require(incidents.first { $0["id"] as? String == ExportScenario.whatsappUS.id })
        #expect(
            regional["status"] as? String == "resolved" && regional["resolved_at"] as? String == "2024-03-05T16:05:00Z")
        #expect(regional["impact"] as? String == "minor")
        let status = try #require(json["status"] as? [String: Any])
        #expect(status["indicator"] as? String == "major")
        #expect((status["description"] as? String)?.hasPrefix("Unofficial") == true)
    }

    @Test func crowdUpdatesSayWhetherTheOfficialPageAcknowledged() throws {
        let incidents = try #require(try Self.document()["incidents"] as? [[String: Any]])
        func detectedBody(_ id: String) throws -> String {
            let incident = try #require(incidents.first { $0["id"] as? String == id })
            let updates = try #require(incident["incident_updates"] as? [[String: Any]])
            return try #require(updates.last?["body"] as? String)
        }
        let whatsapp = try detectedBody(ExportScenario.whatsappGlobal.id)
        #expect(whatsapp.hasPrefix("Unofficial:"))
        #expect(
            whatsapp.hasSuffix(
                "The official WhatsApp status page acknowledged a problem at 5 Mar 2024 15:27 UTC "
                    + "(27 min after users began reporting): \"Messaging delays\"."
            )
        )
        #expect(
            try detectedBody(ExportScenario.instagramOpen.id).hasSuffix(
                "The official Instagram status page has not acknowledged a problem."))
        #expect(
            !(try detectedBody(ExportScenario.cafeDE.id)).contains("status page"), "no linked status page, no sentence")
        let names = incidents.compactMap { $0["name"] as? String }
        #expect(names.allSatisfy { $0.hasPrefix("Unofficial:") })
    }

    @Test(arguments: [
        (AlertLevel?.none, false, false, "operational"),
        (.possible, false, false, "degraded_performance"),
        (.normal, true, false, "partial_outage"),
        (.normal, true, true, "partial_outage"),
        (.likely, true, true, "partial_outage"),
    ])
    func componentStatusIsConservative(level: AlertLevel?, hasIncident: Bool, isGlobal: Bool, expected: String) {
        let incident = isGlobal ? ExportScenario.instagramOpen : ExportScenario.whatsappUS
        let status = StatuspageMapping.componentStatus(
            openIncidents: hasIncident ? [incident] : [], currentLevel: level)
        #expect(status.rawValue == expected)
    }

    @Test func indicatorIsNeverCritical() {
        let many = Array(repeating: ExportScenario.instagramOpen, count: 50)
        #expect(StatuspageMapping.indicator(openIncidents: many, components: [.partialOutage]) == .major)
        #expect(StatuspageMapping.indicator(openIncidents: [], components: [.degradedPerformance]) == .minor)
        #expect(StatuspageMapping.indicator(openIncidents: [], components: [.operational]) == .none)
        #expect(StatuspageMapping.indicator(openIncidents: [ExportScenario.whatsappUS], components: []) == .minor)
    }

    @Test func quietPageIsOperational() throws {
        var report = ExportScenario.report()
        report.incidents = []
        report.currentLevels = [:]
        let json = try Self.document(report)
        let status = try #require(json["status"] as? [String: Any])
        #expect(status["indicator"] as? String == "none")
        let components = try #require(json["components"] as? [[String: Any]])
        #expect(components.allSatisfy { $0["status"] as? String == "operational" })
    }
}
