import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Which incidents `outcry incidents` and `outcry export` cover: the same rules for every format.
@Suite(.timeLimit(.minutes(10))) struct IncidentSelectionTests {
    /// Four incidents on 5 March 2024 (times in minutes after 15:00 UTC) and two group events.
    ///
    /// - `wa-global`: whatsapp, global, −300…−240 (10:00–11:00), resolved
    /// - `ig-us`: instagram, US, −60…open (from 14:00)
    /// - `gm-global`: gmail, global, −180…−120 (12:00–13:00), resolved
    /// - `wa-de`: whatsapp, DE, 0…60 (15:00–16:00), resolved
    static func engine(in folder: TemporaryDirectory) throws -> Engine {
        let engine = try Engine(
            path: folder.path("selection.sqlite"), clock: FixedTimeSource(Instants.outageAfternoon),
            logger: Logger(label: "outcry-test")
        )
        let services: [MonitoredService] = [
            .fixture("whatsapp", group: "meta"), .fixture("instagram", group: "meta"),
            .fixture("gmail", group: "google"),
        ]
        let incidents = [
            try IncidentExportDocumentTests.incident("whatsapp", startedAt: -300, endedAt: -240),
            try IncidentExportDocumentTests.incident("instagram", region: "US", startedAt: -60, endedAt: nil),
            try IncidentExportDocumentTests.incident("gmail", startedAt: -180, endedAt: -120),
            try IncidentExportDocumentTests.incident("whatsapp", region: "DE", startedAt: 0, endedAt: 60),
        ]
        let events = [
            GroupEvent(
                id: "meta-open", group: "meta", status: .open, startedAt: at(-60), endedAt: nil,
                epicentre: services[1].slug, collateral: [], services: [services[1].slug],
                incidentIds: [incidents[1].id],
                summary: "Unofficial: meta"
            ),
            GroupEvent(
                id: "google-old", group: "google", status: .resolved, startedAt: at(-180), endedAt: at(-120),
                epicentre: services[2].slug, collateral: [], services: [services[2].slug],
                incidentIds: [incidents[2].id],
                summary: "Unofficial: google"
            ),
        ]
        try engine.store { database in
            for service in services { _ = try database.addService(service, now: Instants.outageAfternoon) }
            try database.saveIncidents(incidents)
            try database.saveGroupEvents(events)
        }
        return engine
    }

    static func at(_ minutes: Int64) -> Timestamp { IncidentExportDocumentTests.at(minutes) }

    /// Short names for the incidents' ids.
    static let names = [
        "whatsapp/global/-300": "wa-global", "instagram/US/-60": "ig-us", "gmail/global/-180": "gm-global",
        "whatsapp/DE/0": "wa-de",
    ]

    static let cases: [(String, IncidentSelection, [String])] = [
        ("everything, most recent onset first", IncidentSelection(), ["wa-de", "ig-us", "gm-global", "wa-global"]),
        (
            "since excludes incidents that ended before it", IncidentSelection(since: at(-200)),
            ["wa-de", "ig-us", "gm-global"]
        ),
        (
            "since keeps an incident ending exactly then", IncidentSelection(since: at(-240)),
            ["wa-de", "ig-us", "gm-global", "wa-global"]
        ),
        ("an open incident reaches every later since", IncidentSelection(since: at(600)), ["ig-us"]),
        (
            "until excludes incidents that started after it", IncidentSelection(until: Self.at(-100)),
            ["gm-global", "wa-global"]
        ),
        (
            "until keeps an incident starting exactly then", IncidentSelection(until: at(0)),
            ["wa-de", "ig-us", "gm-global", "wa-global"]
        ),
        (
            "since and until select by overlap", IncidentSelection(since: at(-130), until: at(-30)),
            ["ig-us", "gm-global"]
        ),
        ("service", IncidentSelection(service: ServiceSlug(rawValue: "whatsapp")), ["wa-de", "wa-global"]),
        ("group", IncidentSelection(group: "meta"), ["wa-de", "ig-us", "wa-global"]),
        ("other group", IncidentSelection(group: "google"), ["gm-global"]),
        ("unknown group", IncidentSelection(group: "nobody"), []),
        ("region global", IncidentSelection(region: .global), ["gm-global", "wa-global"]),
        ("region DE", IncidentSelection(region: try? Region.parse("DE")), ["wa-de"]),
        ("active only", IncidentSelection(activeOnly: true), ["ig-us"]),
        (
            "service and active only", IncidentSelection(service: ServiceSlug(rawValue: "whatsapp"), activeOnly: true),
            []
        ),
        (
            "group, region and range together",
            IncidentSelection(since: at(-500), until: at(-10), group: "meta", region: .global), ["wa-global"]
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func selectionRulesPickTheOverlappingIncidents(index: Int) throws {
        let (name, selection, expected) = Self.cases[index]
        let folder = TemporaryDirectory()
        let engine = try Self.engine(in: folder)
        defer { engine.close() }
        let selected = try engine.selectIncidents(selection).incidents
        #expect(selected.map { Self.names[$0.id] ?? $0.id } == expected, "\(name)")
    }

    @Test func groupEventsFollowTheSameSelection() throws {
        let folder = TemporaryDirectory()
        let engine = try Self.engine(in: folder)
        defer { engine.close() }
        #expect(try engine.selectIncidents(IncidentSelection()).groupEvents.map(\.id) == ["meta-open", "google-old"])
        #expect(try engine.selectIncidents(IncidentSelection(group: "google")).groupEvents.map(\.id) == ["google-old"])
        #expect(
            try engine.selectIncidents(IncidentSelection(service: ServiceSlug(rawValue: "instagram"))).groupEvents.map(
                \.id)
                == ["meta-open"])
        #expect(try engine.selectIncidents(IncidentSelection(activeOnly: true)).groupEvents.map(\.id) == ["meta-open"])
        #expect(
            try engine.selectIncidents(IncidentSelection(since: Self.at(-100))).groupEvents.map(\.id) == ["meta-open"])
        #expect(
            try engine.selectIncidents(IncidentSelection(until: Self.at(-100))).groupEvents.map(\.id) == ["google-old"])
    }
}
