import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Found, missed and false incidents, latency and the NAB-style score, on hand-made incidents.
@Suite(.timeLimit(.minutes(10))) struct EvaluationScorerTests {
    /// A four-week range starting on 1 March 2024.
    static let from = Instants.startOfMarch
    static let to = from.adding(minutes: 28 * 1440)
    static let whatsapp = MonitoredService.fixture().slug
    static let gmail = MonitoredService.fixture("gmail").slug

    /// A window `minutes` long starting `day` days and `hour` hours into the range.
    static func window(
        _ service: ServiceSlug = whatsapp, day: Int64, hour: Int64 = 12, minutes: Int64 = 120, region: String? = nil
    ) -> LabelWindow {
        let start = from.adding(minutes: day * 1440 + hour * 60)
        return LabelWindow(
            service: service, region: region.map { try! Region.parse($0) }, start: start,
            end: start.adding(minutes: minutes)
        )
    }

    static func incident(
        _ service: String = "whatsapp", region: String = "global", at: Timestamp, lasting minutes: Int64 = 60
    ) -> Incident {
        var incident = Incident.fixture(
            service: service, region: region, detectedAt: at, endedAt: at.adding(minutes: minutes))
        incident.id = "\(service)/\(region)/\(at.seconds)"
        return incident
    }

    static func score(
        _ labels: [ServiceSlug: [LabelWindow]], _ incidents: [Incident], probation: Double = 0
    ) -> (total: EvaluationMetrics, services: [ServiceSlug: EvaluationMetrics]) {
        EvaluationScorer(from: from, to: to, probationPercent: probation).score(labels: labels, incidents: incidents)
    }

    @Test func countsFoundMissedAndFalseIncidentsWithLatency() throws {
        let windows = [Self.window(day: 2), Self.window(day: 9), Self.window(day: 16)]
        let incidents = [
            Self.incident(at: windows[0].start.adding(minutes: 4)),
            // Two incidents in one window: found once, the later one is not false.
            Self.incident(at: windows[1].start.adding(minutes: 10)),
            Self.incident(at: windows[1].start.adding(minutes: 50)),
            // Outside every window: false.
            Self.incident(at: Self.from.adding(minutes: 20 * 1440)),
        ]
        let metrics = Self.score([Self.whatsapp: windows], incidents).total
        #expect(metrics.windows == 3)
        #expect(metrics.found == 2)
        #expect(metrics.missed == 1)
        #expect(metrics.recall == 2.0 / 3.0)
        #expect(metrics.falseIncidents == 1)
        #expect(metrics.falseIncidentsPerServiceWeek == 0.25, "one false incident in four weeks of one service")
        #expect(metrics.latencyMedianMinutes == 7)
        #expect(metrics.latencyP90Minutes == 4 + 0.9 * 6)
    }

    @Test func latencyPercentilesInterpolateBetweenRanks() {
        #expect(EvaluationScorer.percentile([], 0.5) == nil)
        #expect(EvaluationScorer.percentile([3], 0.9) == 3)
        #expect(EvaluationScorer.percentile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(EvaluationScorer.percentile([0, 10], 0.9) == 9)
        #expect(EvaluationScorer.percentile(Array(0...10).map(Double.init), 0.9) == 9)
    }

    @Test func regionalWindowsAreFoundByTheirRegionOrAGlobalIncidentListingIt() {
        let window = Self.window(day: 3, region: "DE")
        let inside = window.start.adding(minutes: 5)
        // Incident fixtures list US among their regions.
        let cases: [(Incident, Bool)] = [
            (Self.incident(region: "DE", at: inside), true),
            (Self.incident(region: "FR", at: inside), false),
            (Self.incident(region: "global", at: inside), false),
            (Self.incident(region: "DE", at: window.end.adding(minutes: 1)), false),
        ]
        for (incident, found) in cases {
            #expect(Self.score([Self.whatsapp: [window]], [incident]).total.found == (found ? 1 : 0), "\(incident.id)")
        }
        var listing = Self.incident(region: "global", at: inside)
        listing.regions = [try! Region.parse("DE")]
        #expect(Self.score([Self.whatsapp: [window]], [listing]).total.found == 1)
        // A service-wide window wants a service-wide incident; a regional one inside it is not false either.
        let whole = Self.window(day: 3)
        let regionalOnly = Self.score([Self.whatsapp: [whole]], [Self.incident(region: "DE", at: inside)]).total
        #expect(regionalOnly.found == 0)
        #expect(regionalOnly.falseIncidents == 0)
    }

    @Test func aRegionalIncidentDuringAGlobalOneIsTheSameAlarm() {
        let quiet = Self.from.adding(minutes: 5 * 1440)
        let global = Self.incident(at: quiet, lasting: 60)
        let regional = Self.incident(region: "US", at: quiet.adding(minutes: 3), lasting: 30)
        let lone = Self.incident(region: "DE", at: quiet.adding(minutes: 3 * 1440))
        let metrics = Self.score([Self.whatsapp: []], [global, regional, lone]).total
        #expect(metrics.falseIncidents == 2, "the global one and the lone regional one")
    }

    @Test func onlyLabelledServicesAreScoredAndOtherServicesIncidentsDoNotCount() {
        let incidents = [
            Self.incident("gmail", at: Self.from.adding(minutes: 1440)),
            Self.incident("netflix", at: Self.from.adding(minutes: 1440)),
        ]
        let (total, services) = Self.score([Self.whatsapp: [], Self.gmail: []], incidents)
        #expect(Set(services.keys) == [Self.whatsapp, Self.gmail])
        #expect(total.falseIncidents == 1)
        // Only gmail had a window or an incident: four service-weeks.
        #expect(total.falseIncidentsPerServiceWeek == 0.25)
        #expect(services[Self.whatsapp]?.falseIncidentsPerServiceWeek == 0)
        #expect(services[Self.whatsapp]?.recall == nil)
        #expect(services[Self.whatsapp]?.nabScore == nil)
        #expect(total.nabScore == nil, "no windows: nothing to normalise by")
    }

    @Test func nabScoreIsHundredForAnAlarmAtEveryWindowStartAndZeroForNone() {
        let windows = [Self.window(day: 2), Self.window(day: 9)]
        let perfect = Self.score([Self.whatsapp: windows], windows.map { Self.incident(at: $0.start) }).total
        #expect(abs((perfect.nabScore ?? 0) - 100) < 1e-9)
        let silent = Self.score([Self.whatsapp: windows], []).total
        #expect(silent.nabScore == 0)
        // An alarm at a window's last minute earns almost no credit, but no longer costs the miss: half way.
        let late = Self.score([Self.whatsapp: [windows[0]]], [Self.incident(at: windows[0].end)]).total
        #expect(late.found == 1)
        #expect((50...51.5).contains(late.nabScore ?? 0), "\(late.nabScore ?? .nan)")
        // Found at the centre: NAB credits about 0.86 tp, so the score is (1 + credit) / 2 of the way to 100.
        let centre = Self.score(
            [Self.whatsapp: [windows[0]]], [Self.incident(at: windows[0].start.adding(minutes: 60))]
        ).total
        let credit = NABProfile.standard.credit(minute: 60, first: 0, last: 120)
        #expect(abs((centre.nabScore ?? 0) - 100 * (credit + 1) / 2) < 1e-9)
        #expect(credit > 0.85 && credit < 0.9)
    }

    @Test func falseAlarmsCostFullWeightFarFromWindowsAndLessJustAfterOne() {
        let window = Self.window(day: 2)
        let far = Self.score(
            [Self.whatsapp: [window]],
            [Self.incident(at: window.start), Self.incident(at: Self.from.adding(minutes: 1440))]
        ).total
        // raw = 1 − 0.11 (before any window: full cost); null = −1, perfect = 1.
        #expect(abs((far.nabScore ?? 0) - 100 * (1 - 0.11 + 1) / 2) < 1e-9)
        let justAfter = Self.score(
            [Self.whatsapp: [window]],
            [Self.incident(at: window.start), Self.incident(at: window.end.adding(minutes: 2))]
        ).total
        #expect((justAfter.nabScore ?? 0) > (far.nabScore ?? 0))
        #expect(justAfter.falseIncidents == 1)
        #expect(NABProfile.standard.falseAlarmCost(minute: 10_000, previous: 0...100) == -0.11)
    }

    @Test func probationIgnoresEarlyIncidentsAndWindowsEndingInIt() {
        // 15% of 28 days = 4.2 days.
        let early = Self.window(day: 1)
        let straddling = Self.window(day: 4, hour: 0, minutes: 10 * 60)
        let later = Self.window(day: 9)
        let incidents = [
            Self.incident(at: early.start.adding(minutes: 1)),
            Self.incident(at: straddling.start.adding(minutes: 1)),  // in probation: cannot find the window
            Self.incident(at: Self.from.adding(minutes: 2 * 1440)),  // false, but in probation
            Self.incident(at: later.start.adding(minutes: 1)),
        ]
        let scorer = EvaluationScorer(from: Self.from, to: Self.to, probationPercent: 15)
        #expect(scorer.scoredFrom == Self.from.adding(minutes: (28 * 1440 + 1) * 15 / 100))
        let metrics = scorer.score(labels: [Self.whatsapp: [early, straddling, later]], incidents: incidents).total
        #expect(metrics.windows == 2)
        #expect(metrics.found == 1)
        #expect(metrics.falseIncidents == 0)
        #expect(abs((metrics.falseIncidentsPerServiceWeek ?? 1) - 0) < 1e-12)
        #expect(abs(scorer.weeks - 4 * 0.85) < 0.01)
    }

    @Test func incidentsOutsideTheRangeAndWindowsOutsideItAreNotScored() {
        let before = LabelWindow(
            service: Self.whatsapp, start: Self.from.adding(minutes: -600), end: Self.from.adding(minutes: -60))
        let metrics = Self.score([Self.whatsapp: [before]], [Self.incident(at: Self.to.adding(minutes: 5))]).total
        #expect(metrics.windows == 0)
        #expect(metrics.falseIncidents == 0)
    }

    @Test func manyWindowsAndIncidentsScoreQuickly() {
        // 20,000 windows and 20,000 incidents: the lookups are logarithmic, not a product.
        var windows: [LabelWindow] = []
        var incidents: [Incident] = []
        for index in 0..<20_000 {
            let start = Self.from.adding(minutes: Int64(index) * 2)
            windows.append(LabelWindow(service: Self.whatsapp, start: start, end: start.adding(seconds: 30)))
            incidents.append(Self.incident(at: start.adding(minutes: 1)))
        }
        let metrics = Self.score([Self.whatsapp: windows], incidents).total
        #expect(metrics.windows == 20_000)
        #expect(metrics.found == 0)
        #expect(metrics.falseIncidents == 20_000)
    }
}
