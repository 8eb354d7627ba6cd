import CoreMetrics
import Foundation
package import Logging
import Metrics
package import OutcryDetection
package import OutcryEngine
package import OutcryModel
import ServiceLifecycle

/// What one scheduled tick did (for tests and logs).
package struct TickResult: Sendable {
    package var tick: Timestamp
    package var run: DetectionRun
    package var duration: Duration
    package var overran: Bool
}

/// Runs detection every interval: the same `Engine.detect(upTo:)` as `outcry detect`, on the writer's thread
/// (it owns the write connection), one tick at a time. After downtime the first tick catches up on every
/// missed minute in order; a tick that overruns its interval is logged and counted, never overlapped.
///
/// With several daemons on one PostgreSQL store only the leader detects (``Engine/detectionTick(upTo:settings:
/// notifications:)``); the others read the state it committed each tick, and one of them takes over when the
/// leader's connection goes.
package struct DetectionScheduler: Service {
    let writer: EngineWorker
    let ticks: any TickSource
    let latest: LatestDetector
    let settings: DetectorSettings
    let intervalSeconds: Int64
    let clock: any TimeSource
    let metrics: ServerMetrics?
    let logger: Logger
    /// Called after every tick (tests await it).
    let onTick: @Sendable (TickResult) async -> Void

    package init(
        writer: EngineWorker, ticks: any TickSource, latest: LatestDetector, settings: DetectorSettings,
        intervalSeconds: Int64, clock: any TimeSource, metrics: ServerMetrics?, logger: Logger,
        onTick: @escaping @Sendable (TickResult) async -> Void = { _ in }
    ) {
        self.writer = writer
        self.ticks = ticks
        self.latest = latest
        self.settings = settings
        self.intervalSeconds = intervalSeconds
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.onTick = onTick
    }

    package func run() async throws {
        await ticks.forEachTick(
            logger: logger, failure: "detection tick failed", metadata: { ["detection.tick": "\($0)"] },
            pass: runTick(at:), report: onTick
        )
    }

    /// One tick: detect up to `tick` (catching up), then publish the detector for the readers.
    package func runTick(at tick: Timestamp) async throws -> TickResult {
        let settings = settings
        let started = ContinuousClock.now
        let outcome = try await writer.perform { engine in try engine.detectionTick(upTo: tick, settings: settings) }
        let (run, detector) = (outcome.run, outcome.detector)
        let duration = ContinuousClock.now - started
        let now = clock.now()
        if outcome.role != latest.role {
            logger.notice(
                "detector role changed", metadata: ["detection.role": "\(outcome.role.rawValue)"])
        }
        latest.update(detector, completedAt: now, role: outcome.role, lastCommitted: outcome.lastCommitted)
        metrics?.tickDuration.recordNanoseconds(duration.wholeNanoseconds)
        if let lastTick = detector.lastTick { metrics?.detectionLag.record(Double(now.seconds - lastTick.seconds)) }
        let open = detector.openIncidents
        for level in [AlertLevel.possible, .likely] {
            metrics?.openIncidents[level]?.record(open.filter { $0.level == level }.count)
        }
        metrics?.recordFloods(detector.statuses())
        let overran = duration > .seconds(intervalSeconds)
        if overran {
            metrics?.tickOverruns.increment()
            logger.warning(
                "detection tick overran its interval",
                metadata: [
                    "detection.tick": "\(tick)", "detection.seconds": "\(duration.inSeconds)",
                    "detection.interval": "\(intervalSeconds)",
                ]
            )
        }
        if run.ticks > 1 {
            logger.info(
                "detection caught up",
                metadata: [
                    "detection.ticks": "\(run.ticks)", "detection.last_tick": "\(run.lastTick.map { "\($0)" } ?? "-")",
                    "detection.seconds": "\(duration.inSeconds)",
                ]
            )
        }
        for incident in run.changedIncidents {
            logger.info(
                "incident changed",
                metadata: [
                    "incident.id": "\(incident.id)", "incident.status": "\(incident.status.rawValue)",
                    "incident.level": "\(incident.level.rawValue)",
                ]
            )
        }
        return TickResult(tick: tick, run: run, duration: duration, overran: overran)
    }
}
