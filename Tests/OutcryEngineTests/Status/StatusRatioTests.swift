import OutcryDetection
import OutcryModel
import OutcryTestSupport
import Testing

@testable import OutcryEngine

/// The "×" every front end shows: observed over baseline, the baseline floored at one report, defined once on
/// the status.
@Suite(.timeLimit(.minutes(10))) struct StatusRatioTests {
    static func status(observed: Double, baseline: Double) -> SeriesStatus {
        SeriesStatus(
            key: SeriesKey(service: ServiceSlug(rawValue: "whatsapp")!, region: .global), level: .normal,
            isPossibleFlood: false, observed: observed, baseline: baseline, statistic: 0, isBaselineMature: true)
    }

    @Test(arguments: [
        (30.0, 10.0, 3.0), (30.0, 1.0, 30.0), (30.0, 0.5, 30.0), (30.0, 0.0, 30.0), (0.0, 0.0, 0.0), (5.0, 20.0, 0.25),
    ])
    func theBaselineIsFlooredAtOneReport(observed: Double, baseline: Double, ratio: Double) {
        #expect(Self.status(observed: observed, baseline: baseline).ratio == ratio)
        #expect(SeriesStatus.ratio(observed: observed, baseline: baseline) == ratio)
        let region = ServiceStatusReport.RegionState(
            region: .global, level: .normal, observed: observed, baseline: baseline, isPossibleFlood: false)
        #expect(region.ratio == ratio)
    }

    @Test func theTerminalReportShowsTheStatusRatio() {
        let report = ServiceStatusReport(
            service: MonitoredService(slug: ServiceSlug(rawValue: "whatsapp")!, name: "WhatsApp"),
            asOf: Timestamp(seconds: 1_709_650_800), status: Self.status(observed: 42, baseline: 0.2), buckets: [],
            openIncidents: [], recentIncidents: [], topProblems: [], regions: [])
        #expect(StatusTextRenderer.render(report).contains("(42×)"), "a near-zero baseline counts as one report")
    }
}
