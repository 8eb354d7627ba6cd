import CoreMetrics
import Foundation
package import Logging
package import OutcryEngine
package import OutcryModel
package import OutcryStore
import ServiceLifecycle

/// One SQLite connection (through an ``Engine``) owned by one dedicated thread, which runs jobs in order.
///
/// SQLite calls block; running them here keeps them off Swift's cooperative pool. The writer's instance also
/// does group commit: report writes waiting in its bounded queue are taken together and committed in one
/// transaction, and each request's continuation is resumed only after COMMIT returned.
///
/// It is a `Service`: `run()` starts the thread (it also starts on first use), waits for graceful shutdown,
/// then stops taking work, finishes what is queued, checkpoints the WAL and closes the connection.
package final class EngineWorker: Service, @unchecked Sendable {
    // @unchecked: `engine` and `writer` are used only on `thread` after init; every other mutable field is
    // read and written under `condition`. The metrics and logger are Sendable.

    /// A report write waiting for the group commit.
    private struct PendingWrite {
        var reports: [Report]
        var hashes: [ReporterHash?]
        var continuation: CheckedContinuation<[ReportClassification], any Error>
    }

    private enum Job {
        case write(PendingWrite)
        case run((Engine) -> Void)
    }

    package let name: String
    private let logger: Logger
    private let metrics: ServerMetrics?
    private let capacity: Int
    private let maximumPerTransaction: Int
    private let isReadOnly: Bool

    private let engine: Engine
    private var writer: (any ReportSink)?

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var jobsHead = 0
    private var queuedReports = 0
    private var isStarted = false
    private var isStopping = false
    private var isFinished = false
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []
    private var writable = true

    /// - Parameters:
    ///   - engine: handed over: from now on only the worker's thread touches it.
    ///   - capacity: reports allowed to wait; a write that does not fit is refused with ``WriteRefusal/queueFull``.
    ///   - readOnly: the connection refuses writes (``Engine/refuseWrites()``), for the reader.
    package init(
        name: String, engine: sending Engine, capacity: Int = 200_000, maximumPerTransaction: Int = 20_000,
        readOnly: Bool = false, metrics: ServerMetrics?, logger: Logger
    ) throws {
        self.name = name
        self.engine = engine
        self.capacity = max(1, capacity)
        self.maximumPerTransaction = max(1, maximumPerTransaction)
        self.isReadOnly = readOnly
        self.metrics = metrics
        self.logger = logger
        if readOnly {
            try engine.refuseWrites()
        }
    }

    /// Whether the last write committed (false after a write failed because the database was unwritable).
    package var isWritable: Bool {
        condition.lock()
        defer { condition.unlock() }
        return writable
    }

    /// Reports waiting for the writer.
    package var queueDepth: Int {
        condition.lock()
        defer { condition.unlock() }
        return queuedReports
    }

    // MARK: - Submitting work

    /// Stores `reports` (with their reporters' hashes, nil for anonymous ones) in the next group commit.
    /// Returns each report's classification, in order, once the transaction that holds them has committed.
    package func write(_ reports: [Report], hashes: [ReporterHash?]) async throws -> [ReportClassification] {
        precondition(reports.count == hashes.count)
        if reports.isEmpty { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if isStopping {
                condition.unlock()
                continuation.resume(throwing: WriteRefusal.shuttingDown)
                return
            }
            if queuedReports > 0 && queuedReports + reports.count > capacity {
                condition.unlock()
                continuation.resume(throwing: WriteRefusal.queueFull)
                return
            }
            jobs.append(.write(PendingWrite(reports: reports, hashes: hashes, continuation: continuation)))
            queuedReports += reports.count
            let depth = queuedReports
            startIfNeeded()
            condition.signal()
            condition.unlock()
            metrics?.writeQueueDepth.record(depth)
        }
    }

    /// Runs `body` on the worker's thread with its engine, after the jobs already queued.
    package func perform<T: Sendable>(_ body: @escaping @Sendable (Engine) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            condition.lock()
            if isFinished {
                condition.unlock()
                continuation.resume(throwing: WriteRefusal.shuttingDown)
                return
            }
            jobs.append(.run({ engine in continuation.resume(with: Result { try body(engine) }) }))
            startIfNeeded()
            condition.signal()
            condition.unlock()
        }
    }

    // MARK: - Service

    package func run() async throws {
        start()
        // Runs until graceful shutdown (or cancellation), then drains.
        try? await gracefulShutdown()
        await stop()
    }

    /// Stops taking new writes, finishes the queued jobs, checkpoints and closes; returns when done.
    package func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if isFinished {
                condition.unlock()
                continuation.resume()
                return
            }
            finishWaiters.append(continuation)
            isStopping = true
            startIfNeeded()
            condition.signal()
            condition.unlock()
        }
    }

    /// Starts the thread (once).
    private func start() {
        condition.lock()
        startIfNeeded()
        condition.unlock()
    }

    /// Starts the thread once. Call with `condition` locked.
    private func startIfNeeded() {
        guard !isStarted else { return }
        isStarted = true
        let thread = Thread { [self] in loop() }
        thread.name = "outcry-\(name)"
        thread.stackSize = 1 << 22
        thread.start()
    }

    // MARK: - The thread

    private func loop() {
        while true {
            condition.lock()
            while jobsHead == jobs.count && !isStopping { condition.wait() }
            if jobsHead == jobs.count {
                // Stopping and drained.
                isFinished = true
                let waiters = finishWaiters
                finishWaiters = []
                jobs = []
                jobsHead = 0
                condition.unlock()
                finish()
                for waiter in waiters { waiter.resume() }
                return
            }
            var group: [PendingWrite] = []
            var closure: ((Engine) -> Void)? = nil
            var groupReports = 0
            while jobsHead < jobs.count {
                let job = jobs[jobsHead]
                if case .run(let body) = job {
                    if group.isEmpty {
                        closure = body
                        jobsHead += 1
                    }
                    break
                }
                guard case .write(let pending) = job else { break }
                if !group.isEmpty && groupReports + pending.reports.count > maximumPerTransaction { break }
                group.append(pending)
                groupReports += pending.reports.count
                jobsHead += 1
            }
            if jobsHead > 1024 && jobsHead * 2 > jobs.count {
                jobs.removeFirst(jobsHead)
                jobsHead = 0
            }
            condition.unlock()

            if let closure {
                closure(engine)
            } else if !group.isEmpty {
                commit(group, reportCount: groupReports)
                condition.lock()
                queuedReports -= groupReports
                let depth = queuedReports
                condition.unlock()
                metrics?.writeQueueDepth.record(depth)
            }
        }
    }

    /// Writes a group in one transaction, each request in its own savepoint: a request whose reports fail
    /// (a service removed meanwhile, a constraint) gets its own error and the others are committed. Only a
    /// failure of the database itself fails the whole group.
    private func commit(_ group: [PendingWrite], reportCount: Int) {
        let results: [Result<[ReportClassification], StoreError>]
        do {
            let writer = try self.writer ?? engine.reportWriter()
            self.writer = writer
            results = try writer.writeGroup(
                group.map { GroupedReports(reports: $0.reports, hashes: $0.hashes) }, receivedAt: engine.clock.now()
            )
            setWritable(true, error: nil)
        } catch {
            let failure: any Error
            switch error {
            case let error as StoreError: failure = refusal(for: error)
            case EngineError.store(let error): failure = refusal(for: error)
            default: failure = error
            }
            for pending in group { pending.continuation.resume(throwing: failure) }
            return
        }
        metrics?.batchSize.record(reportCount)
        for (pending, result) in zip(group, results) {
            switch result {
            case .success(let classes):
                pending.continuation.resume(returning: classes)
            case .failure(.unknownService(let slug)):
                pending.continuation.resume(throwing: WriteRefusal.unknownService(slug))
            case .failure(let error):
                // Not the client's doing and not the database's: this request alone fails (HTTP 500).
                logger.error(
                    "a request's reports could not be stored; the rest of the group was",
                    metadata: ["store.error": "\(error)", "reports": "\(pending.reports.count)"]
                )
                pending.continuation.resume(throwing: error)
            }
        }
    }

    private func refusal(for error: StoreError) -> WriteRefusal {
        if case .unknownService(let slug) = error { return .unknownService(slug) }
        // Anything else the store says about a write is the database's fault, not the client's: refuse with
        // 503 and try again on the next request, so writes resume by themselves when the condition clears.
        setWritable(false, error: error)
        return .unwritable
    }

    private func setWritable(_ value: Bool, error: StoreError?) {
        condition.lock()
        let changed = writable != value
        writable = value
        condition.unlock()
        guard changed else { return }
        if value {
            logger.info("database is writable again")
        } else {
            logger.error(
                "database cannot be written; refusing reports with 503 until it can",
                metadata: ["store.error": "\(error.map { "\($0)" } ?? "unknown")"]
            )
        }
        metrics?.databaseWritable.record(value ? 1 : 0)
    }

    /// On the thread, after the last job: checkpoint the WAL (writer only) and close.
    private func finish() {
        if !isReadOnly {
            do {
                try engine.checkpoint()
            } catch {
                logger.warning("WAL checkpoint at shutdown failed", metadata: ["store.error": "\(error)"])
            }
        }
        writer = nil
        engine.close()
        logger.info("database connection closed", metadata: ["worker": "\(name)"])
    }
}
