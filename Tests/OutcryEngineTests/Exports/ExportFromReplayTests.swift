import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

// Serialized because the tests share one database file (`world`): each opens its own Engine on it, and an
// engine may write when it opens (the migration check) and checkpoints when it closes, so tests running
// together would wait on each other's locks (up to the busy timeout) instead of reading.
/// Every format over a real replay of the fixture's Meta login outage, through ``Engine/exportReport``.
@Suite(.serialized, .timeLimit(.minutes(10))) struct ExportFromReplayTests {
    /// The fixture replayed once: its three days, outage included.
    static let world: Result<DetectionWorld, any Error> = Result {
        let world = try DetectionWorld()
        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        return world
    }

    static func report(_ selection: IncidentSelection, format: ExportFormat, withDetector: Bool = true) throws
        -> ExportReport
    {
        try world.get().withEngine { engine in
            try engine.exportReport(selection, format: format, detector: withDetector ? try engine.loadDetector() : nil)
        }
    }

    @Test func svgChartsTheOutageAgainstTheLearnedBaseline() throws {
        let selection = IncidentSelection(service: ServiceSlug(rawValue: "whatsapp"), region: .global)
        let report = try Self.report(selection, format: .svg)
        let chart = try #require(report.charts.first)
        #expect(report.charts.count == 1)
        #expect(chart.hasBaseline)
        #expect(!chart.incidents.isEmpty)
        let peak = try #require(chart.points.max { $0.reports < $1.reports })
        let band = try #require(peak.baseline)
        #expect(Double(peak.reports) > band.high * 3, "the outage stands far above the usual range")
        let probe = XMLDocumentProbe(SVGChartRenderer.render(report))
        #expect(probe.error == nil)
        #expect(probe.text.contains("usual level and range (baseline)"))
    }

    @Test(arguments: ExportFormat.allCases)
    func streamingExportMatchesThePreparedReport(format: ExportFormat) throws {
        let selection = IncidentSelection(group: "meta")
        let (streamed, prepared) = try Self.world.get().withEngine { engine in
            let detector = try engine.loadDetector()
            var out = ExportOutput()
            _ = try engine.export(selection, format: format, detector: detector, to: &out)
            let report = try engine.exportReport(selection, format: format, detector: detector)
            return (try out.finish(), try ExportRenderer.render(report, as: format))
        }
        #expect(!streamed.isEmpty)
        #expect(streamed == prepared, "charts made on demand draw the same document")
    }

    @Test func withoutDetectorTheBandIsOmitted() throws {
        let selection = IncidentSelection(service: ServiceSlug(rawValue: "whatsapp"), region: .global)
        let report = try Self.report(selection, format: .svg, withDetector: false)
        #expect(report.charts.allSatisfy { !$0.hasBaseline })
    }

    @Test func incidentChartCoversItsSpan() throws {
        let all = try Self.report(IncidentSelection(), format: .json)
        let incident = try #require(all.incidents.first { $0.service.rawValue == "whatsapp" && $0.region.isGlobal })
        let report = try Self.report(IncidentSelection(incidentID: incident.id), format: .svg)
        #expect(report.incidents.map(\.id) == [incident.id])
        let chart = try #require(report.charts.first)
        #expect(chart.from <= incident.startedAt && chart.to >= (incident.endedAt ?? chart.to))
        #expect(chart.bucket == .width(.oneMinute) || chart.bucket == .width(.fiveMinutes))
    }

    @Test func quietServiceGetsAChartWithoutIncidents() throws {
        let selection = IncidentSelection(
            since: OutageFixture.start.adding(seconds: 86_400), until: OutageFixture.end,
            service: ServiceSlug(rawValue: OutageFixture.quietSlug)
        )
        let report = try Self.report(selection, format: .html)
        #expect(report.incidents.isEmpty)
        #expect(report.charts.count == 1 && report.charts[0].bucket == .width(.fifteenMinutes))
        let html = HTMLReportRenderer.render(report)
        #expect(XMLDocumentProbe(html).error == nil)
        #expect(html.contains("No incidents in this range"))
    }

    @Test(arguments: ExportFormat.allCases)
    func everyFormatRendersTheReplay(format: ExportFormat) throws {
        let report = try Self.report(IncidentSelection(group: "meta"), format: format)
        #expect(!report.incidents.isEmpty)
        let text = try ExportRenderer.render(report, as: format)
        switch format {
        case .json, .statuspage:
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        case .csv:
            #expect(try RFC4180Parser.parse(text).count == report.incidents.count + 1)
        case .svg, .html:
            #expect(XMLDocumentProbe(text).error == nil)
        case .markdown:
            #expect(text.contains("incident for WhatsApp in 2024"))
        }
    }

    @Test func statuspageListsEveryServiceAsAComponent() throws {
        let report = try Self.report(IncidentSelection(), format: .statuspage)
        #expect(Set(report.services.map(\.slug.rawValue)) == Set(OutageFixture.metaSlugs + [OutageFixture.quietSlug]))
    }

    @Test func unknownIncidentIsAnError() throws {
        #expect(throws: EngineError.self) { try Self.report(IncidentSelection(incidentID: "nope"), format: .svg) }
    }
}
