import Dispatch
import NIOCore
import Synchronization

/// Runs the driver's `async` calls to completion for a synchronous caller (the engine's own thread), on a
/// private serial queue rather than Swift's cooperative pool: a caller blocked here never starves the pool
/// the awaited work needs (on a 2-core machine the pool has two threads).
final class BlockingBridge: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "outcry.postgres.bridge")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body` and waits for its result, or until `abandon` completes (the connection closed: the driver
    /// may never finish `body` then), which fails with ``Abandoned``. Never call it from `body` itself (the
    /// queue is serial).
    func run<T: Sendable>(
        abandonWhen abandon: EventLoopFuture<Void>? = nil, _ body: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        abandon?.whenComplete { _ in
            outcome.withLock { if $0 == nil { $0 = .failure(Abandoned()) } }
            semaphore.signal()
        }
        Task(executorPreference: self) {
            let result: Result<T, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { if $0 == nil { $0 = result } }
            semaphore.signal()
        }
        semaphore.wait()
        guard let result = outcome.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }
}

/// What ``BlockingBridge/run(abandonWhen:_:)`` throws when it stopped waiting.
struct Abandoned: Error {}
