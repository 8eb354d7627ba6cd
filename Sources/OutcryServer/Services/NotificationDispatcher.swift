package import Logging
package import OutcryEngine
import OutcryModel
import OutcryStore
import ServiceLifecycle

/// Delivers the notification outbox on an interval: due deliveries are claimed on the writer's thread, sent
/// (webhooks, commands) off it, and the outcomes recorded back — retries, backoff and the delivery log are the
/// engine's. A receiver that is slow or down never holds the database, ingestion or detection.
package struct NotificationDispatcher: Service {
    /// Claim-send-record rounds per pass at most, so one pass cannot run forever when events keep coming.
    static let maximumRoundsPerPass = 20

    let writer: EngineWorker
    let ticks: any TickSource
    let sender: NotificationSender
    let settings: NotificationSettings
    let metrics: ServerMetrics?
    let logger: Logger
    /// Called after every pass (tests await it).
    let onPass: @Sendable ([DeliveryResult]) async -> Void

    package init(
        writer: EngineWorker, ticks: any TickSource, sender: NotificationSender,
        settings: NotificationSettings = NotificationSettings(), metrics: ServerMetrics?, logger: Logger,
        onPass: @escaping @Sendable ([DeliveryResult]) async -> Void = { _ in }
    ) {
        self.writer = writer
        self.ticks = ticks
        self.sender = sender
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        self.onPass = onPass
    }

    package func run() async throws {
        await ticks.forEachTick(
            logger: logger, failure: "notification pass failed", pass: { _ in try await pass() }, report: onPass
        )
    }

    /// Sends everything due now (in rounds of the engine's batch size) and records the outcomes.
    package func pass() async throws -> [DeliveryResult] {
        let settings = settings
        var results: [DeliveryResult] = []
        for _ in 0..<Self.maximumRoundsPerPass {
            let due = try await writer.perform { engine in
                try engine.dueDeliveries(now: engine.clock.now(), settings: settings)
            }
            guard !due.isEmpty else { break }
            let sent = await sender.send(due)
            let recorded = try await writer.perform { engine in try engine.recordDeliveries(sent, settings: settings) }
            for result in recorded {
                switch result.outcome {
                case .delivered: metrics?.notificationAttempt(outcome: "delivered")
                case .retry: metrics?.notificationAttempt(outcome: result.state == .failed ? "failed" : "retry")
                case .failed: metrics?.notificationAttempt(outcome: "failed")
                case .deferred: break
                }
            }
            results += recorded
        }
        return results
    }
}
