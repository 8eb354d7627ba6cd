import Foundation
package import Logging
package import OutcryEngine
package import OutcryModel
import ServiceLifecycle
import Synchronization

/// Where the detection scheduler gets its ticks from. The daemon waits on the wall clock; tests advance a
/// ``ManualTickSource`` by hand, so nothing sleeps.
package protocol TickSource: Sendable {
    /// Waits for the next tick and returns the instant to detect up to; nil when no tick will come again.
    /// Throws `CancellationError` when the waiting task is cancelled.
    func nextTick() async throws -> Timestamp?
}

extension TickSource {
    /// Calls `body` with every tick, one call at a time, until the source ends, graceful shutdown begins or the
    /// task is cancelled (a tick being handled is finished first): the loop of every periodic daemon service.
    package func forEachTick(_ body: (Timestamp) async -> Void) async {
        while true {
            let next: Timestamp?
            do {
                next = try await cancelWhenGracefulShutdown { try await self.nextTick() }
            } catch {
                return  // graceful shutdown or cancellation
            }
            guard let tick = next else { return }
            await body(tick)
        }
    }

    /// The loop of a periodic daemon service: at every tick (see ``forEachTick(_:)``) runs `pass` and hands its
    /// result to `report`. A pass that throws is logged as `failure` (with the error and `metadata(tick)`) and
    /// the service goes on with the next tick.
    package func forEachTick<Result>(
        logger: Logger, failure: Logger.Message, metadata: (Timestamp) -> Logger.Metadata = { _ in [:] },
        pass: (Timestamp) async throws -> Result, report: (Result) async -> Void
    ) async {
        await forEachTick { tick in
            do {
                await report(try await pass(tick))
            } catch {
                logger.error(failure, metadata: metadata(tick).merging(["error": "\(error)"]) { $1 })
            }
        }
    }
}

/// Ticks at every multiple of `intervalSeconds` of the clock (the first one at once, to catch up after
/// downtime). When a tick overran, the boundaries it missed are skipped: the next `detect(upTo:)` catches up
/// over them anyway, minute by minute.
package final class IntervalTickSource: TickSource {
    private let intervalSeconds: Int64
    private let clock: any TimeSource
    private let isFirst = Mutex(true)

    package init(intervalSeconds: Int64, clock: any TimeSource) {
        self.intervalSeconds = max(1, intervalSeconds)
        self.clock = clock
    }

    package func nextTick() async throws -> Timestamp? {
        let first = isFirst.withLock { value in
            defer { value = false }
            return value
        }
        if first { return clock.now() }
        // Sleep to the next multiple of the interval on the injected clock.
        let now = clock.now().seconds
        let next = (floorDiv(now, intervalSeconds) + 1) * intervalSeconds
        try await Task.sleep(for: .seconds(next - now))
        return clock.now()
    }
}

/// A tick source advanced by hand (tests): each ``tick(_:)`` hands one instant to the scheduler.
package final class ManualTickSource: TickSource {
    private let stream: AsyncStream<Timestamp>
    private let continuation: AsyncStream<Timestamp>.Continuation

    package init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Timestamp.self)
        self.stream = stream
        self.continuation = continuation
    }

    /// Queues a tick at `instant`.
    package func tick(_ instant: Timestamp) { continuation.yield(instant) }

    /// No more ticks: the scheduler stops.
    package func finish() { continuation.finish() }

    package func nextTick() async throws -> Timestamp? {
        // One consumer (the scheduler) asks for one tick at a time; a fresh iterator each time shares the stream.
        var iterator = stream.makeAsyncIterator()
        let next = await iterator.next()
        try Task.checkCancellation()
        return next
    }
}
