import Foundation
package import OutcryModel

/// What every native notifier says about one incident change, worded once: the provider renderers only lay
/// it out. Every piece is one line of sanitized text, and every message built from it says **unofficial**.
package struct AlertContent: Sendable, Equatable {
    /// One labelled value (`Regions`: `US, GB`).
    package struct Fact: Sendable, Equatable {
        package var name: String
        package var value: String
    }

    /// `opened`, `level_raised`, `widened`, `resolved`, `acknowledged` or `test`.
    package var event: String
    package var incident: Incident
    /// The service's display name, on one line.
    package var serviceName: String
    /// `Unofficial: likely outage of WhatsApp (all regions) began`.
    package var title: String
    /// The incident's own sentence, starting with `Unofficial:`.
    package var summary: String
    /// Who says so, and how sure: always says unofficial.
    package var disclaimer: String
    /// Service, status, regions, top problems, ratio, onset, … in reading order.
    package var facts: [Fact]
    /// The dashboard page that shows the incident (`--public-url` + `/services/<slug>`); nil without a public URL.
    package var incidentPageURL: String?
    /// The incident's JSON (`/v1/incidents/<id>`); nil without a public URL.
    package var incidentJSONURL: String?

    /// Whether this is an `outcry notify test` sample.
    package var isTest: Bool { event == "test" }

    /// The content of `incident`'s change `event`.
    /// - Parameters:
    ///   - serviceName: the display name (the slug when nil).
    ///   - publicURL: the daemon's public base URL, without a trailing slash, for links.
    package init(event: String, incident: Incident, serviceName: String?, publicURL: String?) {
        self.event = event
        self.incident = incident
        let name = TextLimit.oneLine(serviceName ?? "")
        self.serviceName = TextLimit.truncated(name.isEmpty ? incident.service.rawValue : name, to: 100)
        self.summary = TextLimit.oneLine(incident.summary)
        self.title = Self.title(event: event, incident: incident, serviceName: self.serviceName)
        self.disclaimer =
            "Unofficial: inferred from user reports sent to this Outcry instance; not confirmed by "
            + "\(self.serviceName) or its status page."
        if let base = publicURL.map({ TextLimit.oneLine($0) }), !base.isEmpty {
            incidentPageURL = base + "/services/" + Self.pathComponent(incident.service.rawValue)
            incidentJSONURL =
                base + "/v1/incidents/"
                + incident.id.split(separator: "/").map { Self.pathComponent(String($0)) }
                .joined(separator: "/")
        }
        facts = Self.facts(of: incident, event: event, serviceName: self.serviceName)
    }

    /// The content of a stored event body (the incident JSON plus `event`), or an error saying what is wrong.
    package init(payload: String, event: String, serviceName: String?, publicURL: String?) throws {
        let incident = try Incident(json: Array(payload.utf8))
        self.init(event: event, incident: incident, serviceName: serviceName, publicURL: publicURL)
    }

    /// `likely outage of WhatsApp (all regions)` or `possible problems with WhatsApp (US)`.
    static func subject(of incident: Incident, serviceName: String) -> String {
        let place = incident.region.isGlobal ? "all regions" : incident.region.code
        return incident.level == .likely
            ? "likely outage of \(serviceName) (\(place))" : "possible problems with \(serviceName) (\(place))"
    }

    static func title(event: String, incident: Incident, serviceName: String) -> String {
        let subject = subject(of: incident, serviceName: serviceName)
        switch event {
        case "opened": return "Unofficial: \(subject) began"
        case "level_raised": return "Unofficial: \(subject): level raised to \(incident.level.rawValue)"
        case "widened": return "Unofficial: \(subject): widened from one region to the whole service"
        case "resolved": return "Unofficial: \(subject) ended"
        case "acknowledged": return "Official status page acknowledged the \(subject) (crowd report unofficial)"
        case "test": return "Unofficial TEST from Outcry: sample \(subject), not a real incident"
        default: return "Unofficial: \(subject): \(TextLimit.oneLine(event))"
        }
    }

    static func facts(of incident: Incident, event: String, serviceName: String) -> [Fact] {
        var facts = [
            Fact(name: "Service", value: serviceName),
            Fact(
                name: "Status",
                value: "\(incident.status == .open ? "ongoing" : "ended"), \(incident.level.rawValue) (unofficial)"),
            Fact(name: "Regions", value: regions(of: incident)),
            Fact(name: "Top problems", value: problems(of: incident)),
            Fact(name: "Ratio", value: ratio(of: incident)),
            Fact(name: "Onset", value: incident.startedAt.iso8601),
            Fact(name: "Detected", value: incident.detectedAt.iso8601),
        ]
        if let ended = incident.endedAt { facts.append(Fact(name: "Ended", value: ended.iso8601)) }
        if event == "acknowledged", let official = incident.official {
            let title = official.title.map { ": " + TextLimit.truncated(TextLimit.oneLine($0), to: 200) } ?? ""
            facts.append(Fact(name: "Official status", value: official.status.rawValue + title))
        }
        facts.append(Fact(name: "Incident", value: incident.id))
        return facts
    }

    /// `all regions; most affected: US, GB` or `US`.
    static func regions(of incident: Incident) -> String {
        let listed = incident.regions.filter { !$0.isGlobal }.prefix(10).map(\.code)
        let more = incident.regions.count > 10 ? " and \(incident.regions.count - 10) more" : ""
        if incident.region.isGlobal {
            return listed.isEmpty
                ? "all regions" : "all regions; most affected: \(listed.joined(separator: ", "))\(more)"
        }
        return ([incident.region.code] + listed.filter { $0 != incident.region.code }).joined(separator: ", ") + more
    }

    /// `messaging 62%, login 21%, app 9%` (the three largest).
    static func problems(of incident: Incident) -> String {
        let top = incident.topProblems.prefix(3).map { "\($0.problem.rawValue) \(percent($0.share))" }
        return top.isEmpty ? "none named" : top.joined(separator: ", ")
    }

    /// `12.4× the usual reports (1240 per 15 min at the peak against 100 expected)`.
    static func ratio(of incident: Incident) -> String {
        "\(decimal(incident.ratio))× the usual reports (\(incident.peakReports) per 15 min at the peak against "
            + "\(decimal(incident.baselineReports)) expected)"
    }

    /// One decimal (`12.4`, `12`), or `n/a` for values that are not finite; negative values read as 0.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let tenths = Int((min(max(value, 0), 1e12) * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "n/a" }
        return "\(Int((min(max(share, 0), 1) * 100).rounded()))%"
    }

    /// A URL path segment: unreserved characters kept, the rest percent-encoded.
    static func pathComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
