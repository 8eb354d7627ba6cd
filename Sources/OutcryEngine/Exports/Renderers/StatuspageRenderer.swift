import OutcryModel

/// What the Statuspage document's `page` object says about this Outcry.
package struct StatuspageSettings: Sendable {
    package var pageID = "outcry"
    package var name = "Outcry (unofficial: inferred from user reports)"
    /// Where the page is served; incident shortlinks are built on it.
    package var url = "https://outcry.invalid"
    package var timeZone = "Etc/UTC"

    package init() {}
}

/// `outcry export --format statuspage`: a document shaped like Statuspage v2's `summary.json` (`page`,
/// `status`, `components`, `incidents`, `scheduled_maintenances`), so status tooling can read Outcry.
///
/// A component per monitored service, in a group component per service group (as Statuspage nests them);
/// every selected incident (resolved ones too, unlike the live `summary.json`: use `--active` for that view),
/// each named and described as unofficial. Statuses follow ``StatuspageMapping``.
package enum StatuspageRenderer {
    package static func render(_ report: ExportReport, settings: StatuspageSettings = StatuspageSettings()) -> String {
        var out = ExportOutput()
        render(report, settings: settings, to: &out)
        return (try? out.finish()) ?? ""
    }

    /// Streams the document into `out`, building one incident's object at a time.
    package static func render(
        _ report: ExportReport, settings: StatuspageSettings = StatuspageSettings(), to out: inout ExportOutput
    ) {
        let now = report.generatedAt.iso8601
        let open = report.incidents.filter { $0.status == .open }
        let openByService = Dictionary(grouping: open, by: \.service)
        var statuses: [ServiceSlug: StatuspageMapping.ComponentStatus] = [:]
        for service in report.services {
            statuses[service.slug] = StatuspageMapping.componentStatus(
                openIncidents: openByService[service.slug] ?? [], currentLevel: report.currentLevels[service.slug]
            )
        }
        let components = componentObjects(report, statuses: statuses, settings: settings)
        let indicator = StatuspageMapping.indicator(openIncidents: open, components: Array(statuses.values))
        let byID = Dictionary(components.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        let services = report.servicesBySlug
        let page: JSONValue = .object([
            ("id", .string(settings.pageID)), ("name", .string(settings.name)), ("url", .string(settings.url)),
            ("time_zone", .string(settings.timeZone)), ("updated_at", .string(now)),
        ])
        let status: JSONValue = .object([
            ("indicator", .string(indicator.rawValue)),
            ("description", .string(StatuspageMapping.description(of: indicator))),
        ])
        // The layout of `JSONValue.text()` for the whole document, with the incidents written as they are built.
        out += "{\n  \"page\": "
        page.write(to: &out, indent: 1)
        out += ",\n  \"status\": "
        status.write(to: &out, indent: 1)
        out += ",\n  \"components\": "
        JSONValue.array(components.map(\.value)).write(to: &out, indent: 1)
        out += ",\n  \"incidents\": "
        if report.incidents.isEmpty {
            out += "[]"
        } else {
            out += "[\n"
            for index in report.incidents.indices {
                let incident = report.incidents[index]
                out += JSONValue.indentation(2)
                let object = incidentObject(
                    incident, name: ExportText.name(of: incident.service, in: services),
                    component: byID[incident.service.rawValue], settings: settings
                )
                object.write(to: &out, indent: 2)
                out += index == report.incidents.count - 1 ? "\n" : ",\n"
            }
            out += "  ]"
        }
        out += ",\n  \"scheduled_maintenances\": []\n}\n"
    }

    /// Group components (one per service group, worst child status) followed by their services, then the
    /// services without a group.
    static func componentObjects(
        _ report: ExportReport, statuses: [ServiceSlug: StatuspageMapping.ComponentStatus], settings: StatuspageSettings
    ) -> [(id: String, value: JSONValue)] {
        let now = report.generatedAt.iso8601
        var result: [(id: String, value: JSONValue)] = []
        var position = 0
        func component(
            id: String, name: String, status: StatuspageMapping.ComponentStatus, description: String, groupID: String?,
            isGroup: Bool, children: [String]?
        ) -> JSONValue {
            position += 1
            var members: [(String, JSONValue)] = [
                ("id", .string(id)), ("name", .string(name)), ("status", .string(status.rawValue)),
                ("created_at", .string(now)), ("updated_at", .string(now)), ("position", .int(position)),
                ("description", .string(description)), ("showcase", .bool(true)), ("group_id", .string(groupID)),
                ("page_id", .string(settings.pageID)), ("group", .bool(isGroup)),
                ("only_show_if_degraded", .bool(false)),
            ]
            if let children { members.append(("components", .array(children.map { .string($0) }))) }
            return .object(members)
        }
        func serviceComponent(_ service: MonitoredService, groupID: String?) -> (id: String, value: JSONValue) {
            let id = service.slug.rawValue
            let value = component(
                id: id, name: service.name, status: statuses[service.slug] ?? .operational,
                description:
                    "Unofficial status of \(service.name), inferred from user problem reports; not confirmed by \(service.name).",
                groupID: groupID, isGroup: false, children: nil
            )
            return (id, value)
        }
        let groups = Array(Set(report.services.compactMap(\.group))).sorted()
        for group in groups {
            let members = report.services.filter { $0.group == group }
            let groupID = "group-" + group
            let worst = members.compactMap { statuses[$0.slug] }.max() ?? .operational
            result.append(
                (
                    groupID,
                    component(
                        id: groupID, name: group, status: worst,
                        description: "Services of the \(group) group (unofficial, from user reports).", groupID: nil,
                        isGroup: true, children: members.map(\.slug.rawValue)
                    )
                )
            )
            for service in members { result.append(serviceComponent(service, groupID: groupID)) }
        }
        for service in report.services where service.group == nil {
            result.append(serviceComponent(service, groupID: nil))
        }
        return result
    }

    /// One incident; `name` is its service's display name.
    static func incidentObject(
        _ incident: Incident, name: String, component: JSONValue?, settings: StatuspageSettings
    ) -> JSONValue {
        let place = incident.region.isGlobal ? "" : " in \(incident.region.code)"
        let status = StatuspageMapping.incidentStatus(of: incident)
        let newStatus = StatuspageMapping.componentStatus(openIncidents: [incident], currentLevel: nil)
        let affected: JSONValue = .array([
            .object([
                ("code", .string(incident.service.rawValue)), ("name", .string(name)),
                ("old_status", .string(StatuspageMapping.ComponentStatus.operational.rawValue)),
                ("new_status", .string(newStatus.rawValue)),
            ])
        ])
        func update(suffix: String, status: String, body: String, at time: Timestamp, affected: JSONValue) -> JSONValue
        {
            .object([
                ("id", .string(incident.id + "/" + suffix)), ("status", .string(status)), ("body", .string(body)),
                ("incident_id", .string(incident.id)), ("created_at", .string(time.iso8601)),
                ("updated_at", .string(time.iso8601)), ("display_at", .string(time.iso8601)),
                ("affected_components", affected), ("deliver_notifications", .bool(false)), ("custom_tweet", .null),
                ("tweet_id", .null),
            ])
        }
        var updates: [JSONValue] = []
        if let end = incident.endedAt {
            updates.append(
                update(
                    suffix: "resolved", status: "resolved",
                    body: "Unofficial: user reports about \(name)\(place) returned to the usual level at "
                        + "\(end.hourMinute) UTC.",
                    at: end, affected: .null
                )
            )
        }
        updates.append(
            update(
                suffix: "detected", status: "investigating",
                body: incident.summary + " Inferred from user problem reports; not confirmed by \(name)."
                    + (OfficialStatusText.statuspageSentence(for: incident, name: name).map { " " + $0 } ?? ""),
                at: incident.detectedAt, affected: affected
            )
        )
        return .object([
            ("id", .string(incident.id)),
            ("name", .string("Unofficial: user reports indicate problems with \(name)\(place)")),
            ("status", .string(status)), ("created_at", .string(incident.detectedAt.iso8601)),
            ("updated_at", .string((incident.endedAt ?? incident.detectedAt).iso8601)), ("monitoring_at", .null),
            ("resolved_at", .string(incident.endedAt?.iso8601)),
            ("impact", .string(StatuspageMapping.impact(of: incident).rawValue)),
            ("shortlink", .string(settings.url + "/incidents/" + percentEncoded(incident.id))),
            ("started_at", .string(incident.startedAt.iso8601)), ("page_id", .string(settings.pageID)),
            ("incident_updates", .array(updates)), ("components", .array(component.map { [$0] } ?? [])),
        ])
    }

    /// Percent-encodes everything but unreserved URL characters.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
