import Dispatch
import Logging
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

/// The writer thread's group commit: a request that fails does not fail the other clients' requests.
@Suite(.timeLimit(.minutes(10))) struct GroupCommitWorkerTests {
    static let t = Instants.outageAfternoon

    @Test func aFailingRequestInAGroupFailsAloneAndTheOthersAreStored() async throws {
        let engine = try Engine(path: ":memory:", clock: FixedTimeSource(Self.t), logger: Logger(label: "test"))
        _ = try engine.storage.addService(.fixture(), now: Self.t)
        try engine.sqliteDatabase.connection.execute(
            """
            CREATE TEMP TRIGGER fail_boom BEFORE INSERT ON report WHEN NEW.comment = 'boom'
            BEGIN SELECT RAISE(ABORT, 'boom refused'); END
            """
        )
        let worker = try EngineWorker(name: "writer", engine: engine, metrics: nil, logger: Logger(label: "test"))
        // Keep the thread busy until all four requests wait in the queue, so they are committed as one group.
        let gate = DispatchSemaphore(value: 0)
        async let held: Void = worker.perform { _ in gate.wait() }
        func request(_ reports: [Report]) -> [ReporterHash?] { reports.map { _ in nil } }
        let good1: [Report] = [.fixture(reporter: nil), .fixture(reporter: nil)]
        let bad: [Report] = [.fixture(reporter: nil), .fixture(reporter: nil, comment: "boom")]
        let unknown: [Report] = [.fixture(service: "removed-meanwhile", reporter: nil)]
        let good2: [Report] = [.fixture(reporter: nil)]
        async let first = worker.write(good1, hashes: request(good1))
        async let second = worker.write(bad, hashes: request(bad))
        async let third = worker.write(unknown, hashes: request(unknown))
        async let fourth = worker.write(good2, hashes: request(good2))
        while worker.queueDepth < 6 { await Task.yield() }
        gate.signal()
        try await held

        #expect(try await first == [.anonymous, .anonymous])
        do {
            _ = try await second
            Issue.record("the failing request was stored")
        } catch {
            #expect(error is StoreError, "its own error, not a refusal of the whole group: \(error)")
        }
        do {
            _ = try await third
            Issue.record("a report for an unmonitored service was stored")
        } catch WriteRefusal.unknownService(let slug) {
            #expect(slug == "removed-meanwhile")
        }
        #expect(try await fourth == [.anonymous])
        #expect(worker.isWritable, "one request's failure is not the database's")
        let totals = try await worker.perform { engine in try engine.storage.reportTotals() }
        #expect(totals.stored == 3)
        await worker.stop()
    }
}
