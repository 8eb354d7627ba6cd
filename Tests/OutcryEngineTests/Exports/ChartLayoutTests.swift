import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Bucket widths and ranges of the export charts.
@Suite(.timeLimit(.minutes(10))) struct ChartLayoutTests {
    static let buckets: [(Int64, ChartBucket)] = [
        (60, .width(.oneMinute)), (6 * 3600, .width(.oneMinute)), (6 * 3600 + 60, .width(.fiveMinutes)),
        (36 * 3600, .width(.fiveMinutes)), (3 * 86_400, .width(.fifteenMinutes)), (7 * 86_400, .width(.oneHour)),
        (18 * 86_400, .width(.oneHour)), (19 * 86_400, .day), (30 * 86_400, .day), (366 * 86_400, .day),
    ]

    @Test(arguments: buckets)
    func bucketFollowsTheRange(seconds: Int64, bucket: ChartBucket) {
        #expect(ChartBucket.forRange(seconds: seconds) == bucket)
        #expect(seconds / bucket.seconds <= 432, "at most about 430 buckets")
    }

    static let now = Instants.outageAfternoon.adding(minutes: 600)

    @Test func openEndsCloseAroundResolvedIncidents() {
        let range = ExportRange.resolve(
            since: nil, until: nil, incidents: [ExportScenario.whatsappGlobal], now: Self.now)
        #expect(range.from == Instants.outageAfternoon.adding(minutes: -30))
        #expect(range.to == Instants.outageAfternoon.adding(minutes: 75 + 30))
    }

    @Test func anOpenIncidentReachesNow() {
        let range = ExportRange.resolve(
            since: nil, until: nil, incidents: [ExportScenario.instagramOpen], now: Self.now)
        #expect(range.to == Self.now)
        #expect(range.from == Instants.outageAfternoon.adding(minutes: 5 - (595 / 4)))
    }

    @Test func askedEndsAreKeptAndNothingSelectedShowsAWeek() {
        let since = Instants.startOfMarch
        let kept = ExportRange.resolve(
            since: since, until: Self.now, incidents: [ExportScenario.whatsappGlobal], now: Self.now)
        #expect(kept == ExportRange(from: since, to: Self.now))
        let quiet = ExportRange.resolve(since: nil, until: nil, incidents: [], now: Self.now)
        #expect(quiet == ExportRange(from: Self.now.adding(seconds: -7 * 86_400), to: Self.now))
        let future = ExportRange.resolve(
            since: since, until: Self.now.adding(seconds: 86_400), incidents: [], now: Self.now)
        #expect(future.to == Self.now, "never past now")
    }

    @Test func baselineBandSurroundsTheExpectation() {
        let band = BaselineBand(expected: 100)
        #expect(band.low < 100 && band.high > 100)
        #expect(abs(band.high - 100 - 20.0) < 1.5, "about two Poisson standard deviations")
        #expect(BaselineBand(expected: 0).low == 0 && BaselineBand(expected: 0).high > 0)
    }

    @Test(arguments: [
        (1.0, "1"), (12.5, "12.5"), (0.756, "0.76"), (3.0, "3"), (-1.25, "-1.25"), (0.004, "0"), (100.10, "100.1"),
        (1.05, "1.05"),
    ])
    func decimalsAreLocaleFree(value: Double, text: String) {
        #expect(ExportText.decimal(value) == text)
    }
}
