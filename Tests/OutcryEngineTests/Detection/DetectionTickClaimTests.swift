import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Each minute's detection commits once: a run commits only if nobody committed a tick since it started, and
/// the daemon's tick reports its role and the last committed tick.
@Suite(.timeLimit(.minutes(10)))
struct DetectionTickClaimTests {
    static let start = OutageFixture.outageStart

    @Test func theDaemonTickLeadsOnSQLiteAndRecordsTheCommittedMinute() throws {
        let world = try DetectionWorld()
        let tick = Self.start.adding(seconds: 3_600)
        let outcome = try world.withEngine { engine in try engine.detectionTick(upTo: tick) }
        #expect(outcome.role == .leader)
        #expect(outcome.lastCommitted?.minute == tick.epochMinute)
        #expect(outcome.detector.lastTick == tick)
        #expect(outcome.run.ticks > 0)
    }

    @Test func aClaimMadeAfterAnotherRunCommittedIsRefused() throws {
        let world = try DetectionWorld()
        let first = Self.start.adding(seconds: 600)
        try world.detectLive(at: [first])
        try world.withEngine { engine in
            let committed = try engine.store { try $0.lastDetectorTick() }
            #expect(committed?.minute == first.epochMinute)
            let later = first.epochMinute + 5
            // A run that started before the commit (it saw an older tick, or none) must roll back.
            let stale = try engine.transaction {
                try $0.claimDetectorTick(minute: later, previous: first.epochMinute - 1, daemon: "b", at: first)
            }
            let fresh = try engine.transaction {
                try $0.claimDetectorTick(minute: later, previous: nil, daemon: "b", at: first)
            }
            // A run that saw the committed tick may move it forward, never back or in place.
            let current = try engine.transaction {
                try $0.claimDetectorTick(minute: later, previous: first.epochMinute, daemon: "b", at: first)
            }
            let inPlace = try engine.transaction {
                try $0.claimDetectorTick(
                    minute: first.epochMinute, previous: first.epochMinute, daemon: "b", at: first)
            }
            #expect(!stale && !fresh && current && !inPlace)
        }
    }

    @Test func detectingTheSameMinuteTwiceIsANoOpNotAnError() throws {
        let world = try DetectionWorld()
        let tick = Self.start.adding(seconds: 1_200)
        try world.detectLive(at: [tick, tick])
        let committed = try world.withEngine { engine in try engine.store { try $0.lastDetectorTick() } }
        #expect(committed?.minute == tick.epochMinute)
    }
}
