import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// `outcry evaluate` replays into a scratch copy: the live database is only read, the copy disappears, and what
/// the replay's detector saw (sensitivities) is what the request asked for.
@Suite(.timeLimit(.minutes(10))) struct EvaluationReplayTests {
    static let outage = OutageFixture.outageStart
    static let whatsapp = MonitoredService.fixture().slug

    /// The fixture's outage as labels: the three Meta apps for its 75 minutes; Gmail had none.
    static let labels = """
        {"instagram": [["2024-03-05T15:00:00Z", "2024-03-05T16:15:00Z"]],
         "messenger": [["2024-03-05T15:00:00Z", "2024-03-05T16:15:00Z"]],
         "whatsapp": [{"start": "2024-03-05T15:00:00Z", "end": "2024-03-05T16:15:00Z"}],
         "gmail": []}
        """

    struct Live {
        var incidents: [Incident]
        var state: [UInt8]?
        var services: [MonitoredService]
    }

    static func live(_ world: DetectionWorld) throws -> Live {
        try world.withEngine { engine in
            Live(
                incidents: try engine.store { try $0.incidents() }.sorted { $0.id < $1.id },
                state: try engine.store { try $0.loadDetectorState()?.body },
                services: try engine.store { try $0.services() }
            )
        }
    }

    static func contents(_ folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    }

    @Test func theEndToEndOutageIsFoundAndTheLiveDatabaseIsUntouched() throws {
        let world = try DetectionWorld()
        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        let before = try Self.live(world)
        #expect(!before.incidents.isEmpty)
        let scratch = TemporaryDirectory(prefix: "outcry-scratch")
        let folder = TemporaryDirectory()
        var request = EvaluationRequest(labels: .file(path: try folder.write("labels.json", Self.labels)))
        request.sensitivity = .high
        request.scratchFolder = scratch.url.path
        let report = try world.withEngine { try $0.evaluate(request) }

        #expect(report.total.windows == 3)
        #expect(report.total.found == 3)
        #expect(report.total.recall == 1)
        #expect((report.total.latencyMedianMinutes ?? 99) <= 15)
        #expect(Set(report.services.keys.map(\.rawValue)) == ["gmail", "instagram", "messenger", "whatsapp"])
        // Default range: the stored reports' first minute to the minute after the last.
        #expect(report.from == OutageFixture.start)
        #expect(report.to <= OutageFixture.end && report.to > OutageFixture.end.adding(minutes: -5))
        // The what-if reached the replayed services, and only them.
        #expect(report.sensitivityOverride == .high)
        #expect(report.sensitivities.values.allSatisfy { $0 == .high })
        #expect(report.sensitivities.count == 4)

        let after = try Self.live(world)
        #expect(after.incidents == before.incidents)
        #expect(after.state == before.state)
        #expect(after.services == before.services)
        #expect(after.services.allSatisfy { $0.sensitivity == .normal })
        #expect(try Self.contents(scratch) == [], "the scratch copy is deleted")
    }

    @Test func withoutAnOverrideEachServiceIsReplayedWithItsOwnSensitivity() throws {
        let world = try DetectionWorld()
        try world.withEngine { engine in
            try engine.setSensitivity(.low, of: Self.whatsapp)
            #expect(try engine.setSensitivity(.high, of: MonitoredService.fixture("gmail").slug) == .normal)
        }
        let folder = TemporaryDirectory()
        var request = EvaluationRequest(labels: .file(path: try folder.write("labels.json", Self.labels)))
        request.from = Self.outage.adding(minutes: -120)
        request.to = Self.outage.adding(minutes: 120)
        let report = try world.withEngine { try $0.evaluate(request) }
        #expect(report.sensitivityOverride == nil)
        #expect(report.sensitivities[Self.whatsapp] == .low)
        #expect(report.sensitivities[MonitoredService.fixture("gmail").slug] == .high)
        #expect(report.sensitivities[MonitoredService.fixture("instagram").slug] == .normal)
        #expect(report.from == request.from && report.to == request.to)
        // Nothing was detected in the live database: evaluate never writes there.
        #expect(try world.incidents().isEmpty)
    }

    @Test func officialStatusPageIncidentsAreTheLabels() throws {
        let world = try DetectionWorld()
        try world.withEngine { engine in
            try engine.store { database in
                _ = try database.saveOfficialSource(
                    OfficialSource(
                        service: Self.whatsapp, location: "https://status.example", component: "Messaging",
                        addedAt: Self.outage)
                )
                let snapshot = OfficialSnapshot(incidents: [
                    // Acknowledged at the onset, resolved 90 minutes later: the window.
                    OfficialIncident(
                        id: "a", name: "Messaging delays", status: "resolved", impact: .major, createdAt: Self.outage,
                        resolvedAt: Self.outage.adding(minutes: 90),
                        components: [OfficialComponentReference(id: "m", name: "Messaging")]
                    ),
                    // Another component of the page: not this service's label.
                    OfficialIncident(
                        id: "b", name: "Web login", status: "resolved", impact: .minor,
                        createdAt: Self.outage.adding(minutes: -1440),
                        resolvedAt: Self.outage.adding(minutes: -1400),
                        components: [OfficialComponentReference(id: "w", name: "Web")]
                    ),
                    // Still open: its window runs to the range's end.
                    OfficialIncident(
                        id: "c", name: "Investigating", status: "investigating", impact: .minor,
                        createdAt: Self.outage.adding(minutes: 300)
                    ),
                ])
                _ = try database.recordOfficialSnapshot(
                    snapshot, service: Self.whatsapp, at: Self.outage, nextAttemptAt: Self.outage)
            }
        }
        let report = try world.withEngine { try $0.evaluate(EvaluationRequest(labels: .official)) }
        #expect(report.labelSource == "official")
        #expect(Array(report.services.keys) == [Self.whatsapp], "only services linked to a status page are scored")
        #expect(report.total.windows == 2)
        #expect(report.total.found == 1)
        #expect(report.total.missed == 1)
    }

    @Test func refusalsSayWhatIsWrong() throws {
        let world = try DetectionWorld()
        let folder = TemporaryDirectory()
        let scratch = TemporaryDirectory(prefix: "outcry-scratch")
        func refusal(_ request: EvaluationRequest) -> String? {
            do {
                _ = try world.withEngine { try $0.evaluate(request) }
                return nil
            } catch {
                return "\(error)"
            }
        }
        func request(_ labels: EvaluationLabels, _ change: (inout EvaluationRequest) -> Void = { _ in })
            -> EvaluationRequest
        {
            var request = EvaluationRequest(labels: labels)
            request.scratchFolder = scratch.url.path
            change(&request)
            return request
        }
        let unknown = try folder.write("unknown.json", #"{"netflix": []}"#)
        #expect(
            refusal(request(.file(path: unknown)))?.contains("netflix: service \"netflix\" is not monitored") == true)
        let broken = try folder.write("broken.json", #"{"whatsapp": [["2024-03-05T15:00:00Z", "yesterday"]]}"#)
        #expect(
            refusal(request(.file(path: broken)))?.contains("whatsapp[0][1] (end): \"yesterday\" is not a time") == true
        )
        #expect(refusal(request(.official))?.contains("no service is linked to an official status page") == true)
        let good = try folder.write("good.json", Self.labels)
        #expect(refusal(request(.file(path: good)) { $0.probationPercent = 100 })?.contains("below 100%") == true)
        #expect(refusal(request(.file(path: good)) { $0.probationPercent = .nan }) != nil)
        #expect(
            refusal(
                request(.file(path: good)) {
                    $0.from = Self.outage
                    $0.to = Self.outage
                }) != nil)
        let noFolder = refusal(request(.file(path: good)) { $0.scratchFolder = folder.path("missing/deeper") })
        #expect(noFolder?.contains("cannot create a scratch folder") == true)
        #expect(try Self.contents(scratch) == [], "no refusal leaves a copy behind")

        let empty = TemporaryDirectory()
        let engine = try Engine(
            path: empty.path("empty.sqlite"), clock: FixedTimeSource(Self.outage), logger: .init(label: "test"))
        defer { engine.close() }
        _ = try engine.store { try $0.addService(.fixture(), now: Self.outage) }
        #expect(throws: EngineError.self) { try engine.evaluate(EvaluationRequest(labels: .file(path: good))) }
    }
}
