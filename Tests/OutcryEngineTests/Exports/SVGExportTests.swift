import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import Testing

/// `--format svg`: valid standalone SVG, self-contained, labelled unofficial, sensible from one bucket to a year.
@Suite(.timeLimit(.minutes(10))) struct SVGExportTests {
    static func probe(_ report: ExportReport) throws -> XMLDocumentProbe {
        let probe = XMLDocumentProbe(SVGChartRenderer.render(report))
        if let error = probe.error { Issue.record("not well-formed: \(error)") }
        return probe
    }

    static func report(with chart: ServiceChart) -> ExportReport {
        var report = ExportScenario.report()
        report.charts = [chart]
        return report
    }

    @Test func isAStandaloneSVGDocument() throws {
        let text = SVGChartRenderer.render(ExportScenario.report())
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let probe = try Self.probe(ExportScenario.report())
        let root = try #require(probe.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"] == "0 0 960 780")
        #expect(root.attributes["font-family"] == "sans-serif")
    }

    @Test func saysUnofficialInsideTheImageAndEscapesNames() throws {
        let probe = try Self.probe(ExportScenario.report())
        #expect(probe.text.contains("Unofficial — based on user reports"))
        #expect(probe.text.contains("Tom's \"Café\", Inc <b> (region DE): user reports per 1 min"))
        #expect(probe.all("b").isEmpty, "a service name must not become markup")
    }

    @Test func usesNoExternalResources() throws {
        let text = SVGChartRenderer.render(ExportScenario.report())
        for forbidden in ["href", "url(", "@import", "@font-face", "<script", "<image", "http://", "https://"] {
            let occurrences = text.components(separatedBy: forbidden).count - 1
            // The only URL allowed is the SVG namespace itself.
            let allowed = forbidden == "http://" ? 1 : 0
            #expect(occurrences == allowed, "\(forbidden)")
        }
    }

    @Test func drawsBandIncidentsDetectionAndPeak() throws {
        let probe = try Self.probe(Self.report(with: ExportScenario.whatsappChart()))
        #expect(probe.all("polygon").count == 1, "one baseline band")
        #expect(probe.text.contains("usual level and range (baseline)"))
        #expect(probe.text.contains("detected 15:04") && probe.text.contains("peak 15:10: 300 reports/15 min (24×)"))
        let shaded = probe.all("rect").filter { $0.attributes["fill"] == "#dc2626" && $0.attributes["height"] == "230" }
        #expect(shaded.count == 2, "the whole-service and the US incident")
        #expect(probe.text.contains("time (UTC)"))
    }

    @Test func marksWhenTheStatusPageAcknowledged() throws {
        let probe = try Self.probe(Self.report(with: ExportScenario.whatsappChart()))
        let markers = probe.all("line").filter { $0.attributes["stroke"] == SVGChartRenderer.officialColour }
        #expect(
            markers.count == 2, "one marker in the plot (both incidents share the acknowledgement), one in the legend")
        #expect(probe.text.contains("status page acknowledged 15:27"))
        #expect(probe.text.contains("status page acknowledged (official)"))
        let cafe = try Self.probe(Self.report(with: ExportScenario.cafeChart()))
        #expect(!cafe.text.contains("status page acknowledged"), "no linked status page, no marker")
    }

    @Test func acknowledgementOutsideTheRangeIsNotMarked() throws {
        var chart = ExportScenario.whatsappChart()
        chart.incidents = chart.incidents.map { incident in
            var copy = incident
            copy.official?.acknowledgedAt = chart.to.adding(minutes: 30)
            return copy
        }
        let probe = try Self.probe(Self.report(with: chart))
        #expect(!probe.text.contains("status page acknowledged"))
    }

    @Test func withoutBaselineTheLegendSaysSo() throws {
        let probe = try Self.probe(Self.report(with: ExportScenario.cafeChart()))
        #expect(probe.all("polygon").isEmpty)
        #expect(probe.text.contains("baseline unavailable (no detector state): band omitted"))
    }

    @Test func oneBucketStillMakesAChart() throws {
        var chart = ExportScenario.whatsappChart()
        chart.points = [ServiceChart.Point(start: chart.from, reports: 0, baseline: nil)]
        chart.to = chart.from.adding(minutes: 1)
        chart.incidents = []
        let probe = try Self.probe(Self.report(with: chart))
        #expect(probe.all("path").count >= 1)
        #expect(!SVGChartRenderer.render(Self.report(with: chart)).contains("nan"))
    }

    @Test func aYearIsDrawnInDailyBucketsWithMonthLabels() throws {
        let start = CivilTime(year: 2024, month: 1, day: 1).timestamp
        let end = CivilTime(year: 2025, month: 1, day: 1).timestamp
        let bucket = ChartBucket.forRange(seconds: end.seconds - start.seconds)
        #expect(bucket == .day)
        let points = (0..<366).map { day in
            ServiceChart.Point(
                start: start.adding(seconds: Int64(day) * 86_400), reports: 3000 + (day * 37) % 500,
                baseline: BaselineBand(expected: 3200)
            )
        }
        var incidents: [Incident] = []
        for week in 0..<30 {
            var incident = ExportScenario.whatsappGlobal
            incident.id = "whatsapp/global/\(week)"
            incident.startedAt = start.adding(seconds: Int64(week) * 12 * 86_400)
            incident.detectedAt = incident.startedAt.adding(minutes: 4)
            incident.peakAt = incident.startedAt.adding(minutes: 10)
            incident.endedAt = incident.startedAt.adding(minutes: 90)
            incidents.append(incident)
        }
        let chart = ServiceChart(
            service: ExportScenario.whatsapp, region: .global, from: start, to: end, bucket: bucket, points: points,
            incidents: incidents, asOf: end
        )
        let probe = try Self.probe(Self.report(with: chart))
        let labels = probe.all("text").count
        #expect(labels < 80, "a year stays readable: \(labels) text elements")
        #expect(probe.text.contains("Jan") && probe.text.contains("2024") && probe.text.contains("Dec"))
        #expect(probe.text.contains("reports per day (UTC)"))
        #expect(!probe.text.contains("detected "), "no per-incident labels on a crowded chart")
    }

    @Test func emptyReportIsAValidNotice() throws {
        var report = ExportScenario.report()
        report.charts = []
        let probe = try Self.probe(report)
        #expect(probe.text.contains("No incidents in this range"))
        #expect(probe.text.contains("Unofficial"))
    }
}
