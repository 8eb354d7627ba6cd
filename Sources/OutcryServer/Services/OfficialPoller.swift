package import Logging
package import OutcryEngine
import OutcryModel
import ServiceLifecycle

/// Reads the official status pages linked with `outcry official add` on an interval (2 minutes by default):
/// the due sources are taken on the writer's thread, read over the network off it (so ingestion never waits on
/// a status page), and each outcome is recorded back on the writer, which also matches the fresh official
/// incidents against recent crowd incidents and queues `acknowledged` notifications. A page that fails backs
/// off on its own schedule and keeps what was stored.
package struct OfficialPoller: Service {
    let writer: EngineWorker
    let ticks: any TickSource
    /// Only the detector leader polls (several daemons on one store would each read every page otherwise).
    let latest: LatestDetector?
    let fetcher: StatusPageFetcher
    let settings: OfficialPollSettings
    let metrics: ServerMetrics?
    let logger: Logger
    /// Called after every poll (tests await it).
    let onPoll: @Sendable ([OfficialSyncResult]) async -> Void

    package init(
        writer: EngineWorker, ticks: any TickSource, latest: LatestDetector? = nil, fetcher: StatusPageFetcher,
        settings: OfficialPollSettings = OfficialPollSettings(), metrics: ServerMetrics?, logger: Logger,
        onPoll: @escaping @Sendable ([OfficialSyncResult]) async -> Void = { _ in }
    ) {
        self.writer = writer
        self.ticks = ticks
        self.latest = latest
        self.fetcher = fetcher
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        self.onPoll = onPoll
    }

    package func run() async throws {
        await ticks.forEachTick(
            logger: logger, failure: "official status poll failed", pass: { _ in try await poll() }, report: onPoll
        )
    }

    /// One poll: every due source read concurrently, then recorded. A follower daemon skips it.
    package func poll() async throws -> [OfficialSyncResult] {
        if latest?.role == .follower { return [] }
        let due = try await writer.perform { engine in try engine.dueOfficialSources(now: engine.clock.now()) }
        guard !due.isEmpty else { return [] }
        let outcomes = await fetcher.fetch(due)
        let settings = settings
        let results = try await writer.perform { engine in
            try engine.recordOfficialFetches(
                zip(due, outcomes).map { (service: $0.service, outcome: $1) }, settings: settings)
        }
        for result in results { metrics?.officialRead(succeeded: result.isSuccess) }
        return results
    }
}
