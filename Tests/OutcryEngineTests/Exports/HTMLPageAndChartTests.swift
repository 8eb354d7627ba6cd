import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryEngine

/// The one page shell and the one chart stack, as the daemon's pages use them (the export's own output is held
/// by the golden files).
@Suite(.timeLimit(.minutes(10))) struct HTMLPageAndChartTests {
    /// The fixtures' incidents are placed relative to this instant.
    static let now = ExportScenario.at(0)

    @Test func servedPagesNameNoOtherSiteAndSavedOnesAreXHTML() {
        let served = HTMLPage.render(title: "<Outcry> & \"you\"", style: "p{}", markup: .html, body: "<p>hi</p>")
        #expect(served.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>"))
        #expect(served.contains("<title>&lt;Outcry&gt; &amp; &quot;you&quot;</title>\n<style>\np{}\n</style>"))
        #expect(served.hasSuffix("<body>\n<p>hi</p>\n</body>\n</html>\n"))
        #expect(!served.contains("http://") && !served.contains("https://") && !served.contains("<script"))
        let saved = HTMLPage.head(title: "t", style: "", markup: .xhtml)
        #expect(saved.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">"))
    }

    @Test func theSparklineScalesToItsPeakInTheLevelsColour() {
        #expect(SVGChartRenderer.sparkline([], level: .normal) == "")
        let line = SVGChartRenderer.sparkline([0, 5, 10], level: .likely, width: 100, height: 40)
        #expect(line.contains("<polyline points=\"0,38 50,20 100,2\" fill=\"none\" stroke=\"#d6336c\""))
        #expect(line.contains("<polygon points=\"0,40 0,38 50,20 100,2 100,40\""))
        #expect(!line.contains("http://"), "inline in a served page: no namespace needed")
        let flat = SVGChartRenderer.sparkline([0, 0], level: .normal, width: 10, height: 10)
        #expect(flat.contains("points=\"0,8 10,8\"") && flat.contains("#2f9e44"), "all zero: no division by zero")
    }

    @Test func theStatusPagesChartIsTheExportChartOfItsDay() throws {
        let service = MonitoredService.fixture("whatsapp", name: "WhatsApp")
        let start = Self.now.adding(seconds: -86_400)
        let buckets = (0..<96).map { index in
            ServiceStatusReport.Bucket(
                start: start.adding(seconds: Int64(index) * 900), reports: index == 90 ? 400 : 10,
                baseline: index < 4 ? nil : 10)
        }
        let old = ExportScenario.incident(
            service, start: -10 * 86_400 / 60, detected: 0, peak: 0, end: -9 * 86_400 / 60)
        let open = ExportScenario.incident(service, start: -30, detected: -25, peak: -20, end: nil)
        var report = ServiceStatusReport(
            service: service, asOf: Self.now, status: nil, buckets: buckets, openIncidents: [open],
            recentIncidents: [old], topProblems: [], regions: [])
        let chart = try #require(report.dayChart)
        #expect(chart.from == start && chart.to == Self.now && chart.bucket == .width(.fifteenMinutes))
        #expect(chart.points.count == 96 && chart.points[90].reports == 400 && chart.points[0].baseline == nil)
        #expect(chart.points[4].baseline == BaselineBand(expected: 10))
        #expect(chart.incidents.map(\.id) == [open.id], "only incidents overlapping the day are shaded")
        let svg = SVGChartRenderer.element(chart)
        #expect(svg.contains("class=\"chart\"") && svg.contains("usual level and range (baseline)"))
        #expect(!svg.contains("<script") && !svg.contains("href"))
        report.buckets = []
        #expect(report.dayChart == nil)
    }
}
