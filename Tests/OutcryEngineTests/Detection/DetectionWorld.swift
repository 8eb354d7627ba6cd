import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// A database file holding the ``OutageFixture`` reports, opened through a fresh ``Engine`` whenever asked, as
/// `outcry detect` run by cron would open it.
struct DetectionWorld {
    /// The wall clock the engines see: far from every simulated instant, so a leak of "now" shows.
    static let wallClock = Timestamp(seconds: 1_900_000_000)

    /// The fixture's reports, simulated once per test process.
    static var allReports: [Report] { OutageFixture.allReports }

    let folder = TemporaryDirectory(prefix: "outcry-detection")
    let path: String

    /// A database named `name` holding `reports` (all the fixture's reports by default).
    init(_ name: String = "outcry.sqlite", reports: [Report]? = nil) throws {
        path = folder.path(name)
        if let reports {
            try OutageFixture.seed(path: path, reports: reports)
        } else {
            try OutageFixture.seedAllReports(path: path)
        }
    }

    /// A new engine on the file; the caller closes it.
    func openEngine() throws -> Engine {
        try Engine(path: path, clock: FixedTimeSource(Self.wallClock), logger: Logger(label: "outcry-test"))
    }

    /// Runs `body` on a new engine and closes it.
    func withEngine<T>(_ body: (Engine) throws -> T) throws -> T {
        let engine = try openEngine()
        defer { engine.close() }
        return try body(engine)
    }

    /// Every stored incident, by id.
    func incidents() throws -> [Incident] {
        try withEngine { engine in try engine.store { try $0.incidents() } }.sorted { $0.id < $1.id }
    }

    /// Every stored group event, by id.
    func groupEvents() throws -> [GroupEvent] {
        try withEngine { engine in try engine.store { try $0.groupEvents() } }.sorted { $0.id < $1.id }
    }

    /// Live detection as cron would run it: `detect(upTo:)` through a new engine at every tick of `ticks`.
    func detectLive(at ticks: [Timestamp]) throws {
        for tick in ticks {
            try withEngine { engine in _ = try engine.detect(upTo: tick) }
        }
    }

    /// Replays `[from, to]` through a new engine.
    @discardableResult
    func replay(from: Timestamp, to: Timestamp) throws -> DetectionRun {
        try withEngine { engine in try engine.replay(from: from, to: to) }
    }

    /// The global (whole-service) incidents of the Meta apps.
    static func metaGlobal(_ incidents: [Incident]) -> [Incident] {
        incidents.filter { $0.region.isGlobal && OutageFixture.metaSlugs.contains($0.service.rawValue) }
    }
}

/// Checks every field of two incidents, naming the incident and the field that differs.
func expectSameIncident(_ actual: Incident, _ expected: Incident, sourceLocation: SourceLocation = #_sourceLocation) {
    let id = expected.id
    #expect(actual.id == expected.id, sourceLocation: sourceLocation)
    #expect(actual.service == expected.service, "\(id) service", sourceLocation: sourceLocation)
    #expect(actual.region == expected.region, "\(id) region", sourceLocation: sourceLocation)
    #expect(actual.status == expected.status, "\(id) status", sourceLocation: sourceLocation)
    #expect(actual.level == expected.level, "\(id) level", sourceLocation: sourceLocation)
    #expect(actual.label == expected.label, "\(id) label", sourceLocation: sourceLocation)
    #expect(actual.detectedAt == expected.detectedAt, "\(id) detected_at", sourceLocation: sourceLocation)
    #expect(actual.startedAt == expected.startedAt, "\(id) started_at", sourceLocation: sourceLocation)
    #expect(actual.peakAt == expected.peakAt, "\(id) peak_at", sourceLocation: sourceLocation)
    #expect(actual.endedAt == expected.endedAt, "\(id) ended_at", sourceLocation: sourceLocation)
    #expect(actual.peakReports == expected.peakReports, "\(id) peak_reports", sourceLocation: sourceLocation)
    #expect(
        actual.baselineReports == expected.baselineReports, "\(id) baseline_reports", sourceLocation: sourceLocation)
    #expect(actual.totalReports == expected.totalReports, "\(id) total_reports", sourceLocation: sourceLocation)
    #expect(actual.excessReports == expected.excessReports, "\(id) excess_reports", sourceLocation: sourceLocation)
    #expect(actual.scope == expected.scope, "\(id) scope", sourceLocation: sourceLocation)
    #expect(actual.regions == expected.regions, "\(id) regions", sourceLocation: sourceLocation)
    #expect(actual.topProblems == expected.topProblems, "\(id) top_problems", sourceLocation: sourceLocation)
    #expect(
        actual.problemMixShift == expected.problemMixShift, "\(id) problem_mix_shift", sourceLocation: sourceLocation)
    #expect(actual.summary == expected.summary, "\(id) summary", sourceLocation: sourceLocation)
    #expect(actual.evidence == expected.evidence, "\(id) evidence", sourceLocation: sourceLocation)
    // Catches a field added later and not listed above.
    #expect(actual == expected, "\(id)", sourceLocation: sourceLocation)
}

/// Checks that two incident lists hold the same ids and, incident by incident, the same fields.
func expectSameIncidents(
    _ actual: [Incident], _ expected: [Incident], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.map(\.id) == expected.map(\.id), sourceLocation: sourceLocation)
    let byID = Dictionary(actual.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for incident in expected {
        if let other = byID[incident.id] { expectSameIncident(other, incident, sourceLocation: sourceLocation) }
    }
}
