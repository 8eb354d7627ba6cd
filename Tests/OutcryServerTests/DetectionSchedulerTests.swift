import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// The scheduler: ticks from an injected source, catch-up after downtime, one tick at a time.
@Suite(.timeLimit(.minutes(10)))
struct DetectionSchedulerTests {
    /// Collects tick results and lets a test wait for the n-th.
    final class TickLog: Sendable {
        private let results = Mutex<[TickResult]>([])
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self) }

        func record(_ result: TickResult) {
            results.withLock { $0.append(result) }
            continuation.yield()
        }

        var all: [TickResult] { results.withLock { $0 } }

        /// Waits until `count` ticks were recorded.
        func wait(for count: Int) async {
            var iterator = stream.makeAsyncIterator()
            while all.count < count { _ = await iterator.next() }
        }
    }

    static func fixtureHarness(log: TickLog, now: Timestamp = OutageFixture.end) throws -> ServerHarness {
        try ServerHarness(now: now, prepare: { try OutageFixture.seedAllReports(path: $0) }, onTick: { log.record($0) })
    }

    @Test func catchesUpOnMissedTicksInOrderAfterDowntime() async throws {
        let log = TickLog()
        let harness = try Self.fixtureHarness(log: log)
        let beforeOutage = OutageFixture.outageStart.adding(seconds: -3_600)
        try await harness.test { _ in
            harness.ticks.tick(beforeOutage)
            await log.wait(for: 1)
            // The daemon was down from here to the end of the fixture; the next tick catches up minute by minute.
            harness.ticks.tick(OutageFixture.end)
            await log.wait(for: 2)
        }
        let results = log.all
        #expect(results[0].run.lastTick == beforeOutage)
        #expect(results[1].run.firstTick == beforeOutage.adding(minutes: 1))
        #expect(results[1].run.lastTick == OutageFixture.end)
        #expect(results[1].run.ticks == Int((OutageFixture.end.seconds - beforeOutage.seconds) / 60))
        #expect(
            results[1].run.changedIncidents.contains { $0.service.rawValue == "whatsapp" && $0.label == "unofficial" })
        // The readers see the detector as the last tick left it.
        #expect(harness.runtime.latest.detector.lastTick == OutageFixture.end)
    }

    @Test func queuedTicksRunOneAfterAnotherWithoutOverlapOrGap() async throws {
        let log = TickLog()
        let harness = try Self.fixtureHarness(log: log)
        let first = OutageFixture.outageStart
        try await harness.test { _ in
            // Three ticks arrive at once (as after a long overrun): they still run one at a time, in order.
            for minutes in [0, 10, 30] { harness.ticks.tick(first.adding(minutes: Int64(minutes))) }
            await log.wait(for: 3)
        }
        let runs = log.all.map(\.run)
        #expect(runs.count == 3)
        for (previous, next) in zip(runs, runs.dropFirst()) {
            let previousLast = try #require(previous.lastTick)
            #expect(next.firstTick == previousLast.adding(minutes: 1))
        }
        #expect(runs.last?.lastTick == first.adding(minutes: 30))
    }

    @Test func aTickAtTheSameMinuteDoesNothingTwice() async throws {
        let log = TickLog()
        let harness = try Self.fixtureHarness(log: log)
        try await harness.test { _ in
            harness.ticks.tick(OutageFixture.outageStart)
            harness.ticks.tick(OutageFixture.outageStart.adding(seconds: 30))
            await log.wait(for: 2)
        }
        #expect(log.all[1].run.ticks == 0)
    }

    @Test func stopsOnGracefulShutdownWhileWaitingForATick() async throws {
        let log = TickLog()
        let harness = try ServerHarness(onTick: { log.record($0) })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [harness.runtime.writer, harness.runtime.scheduler], logger: ServerHarness.quietLogger))
        let stopped = Flag()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await group.run()
                stopped.set()
            }
            // One tick shows the scheduler runs; once it is recorded, the scheduler waits for the next one.
            harness.ticks.tick(Instants.outageAfternoon)
            await log.wait(for: 1)
            // Nothing ticks again: shutdown must still end the scheduler (and the writer) promptly.
            await group.triggerGracefulShutdown()
            if await !waitUntil(within: .seconds(30), { stopped.isSet }) {
                Issue.record("graceful shutdown left the scheduler (or the writer) running for 30 s while no tick came")
                // End them another way, so the test reports the failure instead of hanging.
                harness.ticks.finish()
                tasks.cancelAll()
            }
            try await tasks.waitForAll()
        }
        #expect(log.all.count == 1, "no tick ran after the shutdown")
        // The writer drained and closed: it takes no more work.
        await #expect(throws: WriteRefusal.self) { try await harness.runtime.writer.perform { _ in } }
    }

    @Test func overrunIsLoggedAndCounted() async throws {
        let log = TickLog()
        // With a zero interval every tick overruns: deterministic, no waiting on the wall clock.
        let harness = try ServerHarness(configure: { $0.detectionIntervalSeconds = 0 }, onTick: { log.record($0) })
        try await harness.test { _ in
            harness.ticks.tick(Instants.outageAfternoon)
            harness.ticks.tick(Instants.outageAfternoon.adding(minutes: 5))
            await log.wait(for: 2)
        }
        let overran = log.all.map(\.overran)
        #expect(overran == [true, true])
        let metrics = harness.registry.emitToString()
        #expect(metrics.contains("outcry_detection_tick_overruns_total 2"))
    }
}
