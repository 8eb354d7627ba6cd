import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The detector's state lives in the database: a reopened database continues where the last run stopped.
@Suite(.timeLimit(.minutes(10))) struct DetectorStateTests {
    @Test func detectionContinuesAfterTheDatabaseIsClosedAndReopened() throws {
        let middle = OutageFixture.outageStart.adding(minutes: 20)
        let world = try DetectionWorld("resumed.sqlite")
        let first = try world.withEngine { try $0.detect(upTo: middle) }
        #expect(first.lastTick == middle)
        let openAtMiddle = try world.incidents()
        #expect(DetectionWorld.metaGlobal(openAtMiddle).allSatisfy { $0.status == .open })
        #expect(DetectionWorld.metaGlobal(openAtMiddle).count == 3)

        let second = try world.withEngine { try $0.detect(upTo: OutageFixture.end) }
        #expect(second.firstTick == middle.adding(minutes: 1))
        #expect(second.lastTick == OutageFixture.end)
        #expect(second.ticks == Int((OutageFixture.end.seconds - middle.seconds) / 60))

        let reference = try DetectionWorld("reference.sqlite")
        try reference.replay(from: OutageFixture.start, to: OutageFixture.end)
        let resumed = try world.incidents()
        #expect(Set(resumed.map(\.id)).count == resumed.count)
        expectSameIncidents(resumed, try reference.incidents())
        #expect(try world.groupEvents() == (try reference.groupEvents()))
    }

    @Test func detectingAgainAtTheSameTickChangesNothing() throws {
        let tick = OutageFixture.outageStart.adding(minutes: 40)
        let world = try DetectionWorld()
        try world.detectLive(at: [tick])
        let before = try world.incidents()
        #expect(!before.isEmpty)

        let again = try world.withEngine { try $0.detect(upTo: tick.adding(seconds: 59)) }
        #expect(again.ticks == 0)
        #expect(again.changedIncidents.isEmpty && again.changedGroupEvents.isEmpty)
        let earlier = try world.withEngine { try $0.detect(upTo: tick.adding(minutes: -30)) }
        #expect(earlier.ticks == 0 && earlier.changedIncidents.isEmpty)
        #expect(try world.incidents() == before)
    }

    @Test func reloadedDetectorResumesAtItsLastTick() throws {
        let tick = OutageFixture.outageStart.adding(minutes: 40)
        let world = try DetectionWorld()
        try world.detectLive(at: [tick])
        let detector = try world.withEngine { try $0.loadDetector() }
        #expect(detector.lastTick == tick)
        #expect(detector.openIncidents.map(\.id) == (try world.incidents().filter { $0.status == .open }.map(\.id)))
    }

    @Test func emptyDatabaseHasNothingToDetect() throws {
        let world = try DetectionWorld(reports: [])
        let run = try world.withEngine { try $0.detect(upTo: OutageFixture.end) }
        #expect(run.lastTick == nil && run.ticks == 0)
        #expect(try world.incidents().isEmpty)
    }
}
