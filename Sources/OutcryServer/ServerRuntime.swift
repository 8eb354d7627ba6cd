import Foundation
package import Logging
import Metrics
import OutcryDetection
package import OutcryEngine
package import OutcryModel
package import OutcryStore
package import Prometheus

/// Everything the daemon runs on, opened once: the writer and reader connections (each on its own thread),
/// the shared detector, the service catalog, the rate limiter, the metrics and the detection scheduler.
/// `buildApplication` wires it into Hummingbird; tests reach its parts directly.
package struct ServerRuntime: Sendable {
    package let settings: ServerSettings
    package let clock: any TimeSource
    package let writer: EngineWorker
    package let reader: EngineWorker
    package let latest: LatestDetector
    package let catalog: ServiceCatalog
    package let limiter: RateLimiter
    package let tokens: TokenCatalog
    package let registry: PrometheusCollectorRegistry
    package let metrics: ServerMetrics
    package let ingestor: ReportIngestor
    package let scheduler: DetectionScheduler
    /// Reads linked official status pages; nil when polling is off (`officialPollIntervalSeconds == 0`).
    package let officialPoller: OfficialPoller?
    package let notificationDispatcher: NotificationDispatcher
    package let startedAt: Timestamp
    /// Which backend the daemon stores in, and where (for `/readyz` and the logs).
    package let storageLocation: StorageLocation
    package let logger: Logger

    /// Opens (creating and migrating as needed) the database twice: a writer and a read-only reader.
    /// - Parameters:
    ///   - ticks: the scheduler's tick source; by default every `detectionIntervalSeconds` of the wall clock.
    ///   - registry: where the metrics live; `GET /metrics` emits it.
    ///   - onTick: called after each detection tick (tests).
    ///   - officialTicks: when the official poller polls; by default every `officialPollIntervalSeconds`.
    ///   - notificationTicks: when the notification dispatcher passes over the outbox; by default every
    ///     `notificationIntervalSeconds`.
    ///   - fetcher, sender: how status pages are read and notifications sent (tests shorten the timeouts).
    package static func open(
        settings: ServerSettings, clock: any TimeSource = SystemTimeSource(), ticks: (any TickSource)? = nil,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), logger: Logger,
        onTick: @escaping @Sendable (TickResult) async -> Void = { _ in },
        officialTicks: (any TickSource)? = nil, notificationTicks: (any TickSource)? = nil,
        fetcher: StatusPageFetcher = StatusPageFetcher(), sender: NotificationSender? = nil
    ) throws -> ServerRuntime {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["outcry_write_batch_reports"] = [
            1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 5_000, 20_000,
        ]
        factory.durationHistogramBuckets["outcry_ingest_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets["outcry_detection_tick_duration_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
            .seconds(15), .seconds(60), .seconds(300),
        ]
        let metrics = ServerMetrics(factory: factory)
        let writerEngine = try Engine.open(
            database: settings.databasePath, options: settings.storeOptions, clock: clock, logger: logger)
        let secret = writerEngine.reporterSecret
        let storage = writerEngine.storageLocation
        let readerEngine = try Engine.open(
            database: settings.databasePath, options: settings.storeOptions, clock: clock, logger: logger)
        let detector = try readerEngine.loadDetector(settings: settings.detectorSettings)
        let writer = try EngineWorker(
            name: "writer", engine: writerEngine, capacity: settings.writeQueueCapacity,
            maximumPerTransaction: settings.maximumReportsPerTransaction, metrics: metrics, logger: logger)
        let reader = try EngineWorker(
            name: "reader", engine: readerEngine, readOnly: true, metrics: nil, logger: logger)
        let latest = LatestDetector(detector)
        let catalog = ServiceCatalog(reader: reader, maximumAgeSeconds: settings.serviceCatalogMaximumAgeSeconds)
        let tokens = TokenCatalog(reader: reader, maximumAgeSeconds: settings.tokenCatalogMaximumAgeSeconds)
        let limiter = RateLimiter()
        let ingestor = ReportIngestor(
            writer: writer, catalog: catalog, trust: ReportTrust(tokens: tokens, settings: settings), limiter: limiter,
            reporterSecret: secret, clock: clock, settings: settings, metrics: metrics, logger: logger)
        let scheduler = DetectionScheduler(
            writer: writer,
            ticks: ticks ?? IntervalTickSource(intervalSeconds: settings.detectionIntervalSeconds, clock: clock),
            latest: latest, settings: settings.detectorSettings, intervalSeconds: settings.detectionIntervalSeconds,
            clock: clock, metrics: metrics, logger: logger, onTick: onTick)
        var officialPoller: OfficialPoller?
        var fetcher = fetcher
        if settings.allowsPrivateAddresses { fetcher.redirects.allowsPrivateAddresses = true }
        if settings.officialPollIntervalSeconds > 0 {
            var pollSettings = OfficialPollSettings()
            pollSettings.intervalSeconds = settings.officialPollIntervalSeconds
            officialPoller = OfficialPoller(
                writer: writer,
                ticks: officialTicks
                    ?? IntervalTickSource(intervalSeconds: min(30, settings.officialPollIntervalSeconds), clock: clock),
                latest: latest, fetcher: fetcher, settings: pollSettings, metrics: metrics, logger: logger)
        }
        let dispatcher = NotificationDispatcher(
            writer: writer,
            ticks: notificationTicks
                ?? IntervalTickSource(intervalSeconds: settings.notificationIntervalSeconds, clock: clock),
            sender: sender ?? NotificationSender(clock: clock, publicURL: settings.publicURL), metrics: metrics,
            logger: logger)
        return ServerRuntime(
            settings: settings, clock: clock, writer: writer, reader: reader, latest: latest, catalog: catalog,
            limiter: limiter, tokens: tokens,
            registry: registry, metrics: metrics, ingestor: ingestor, scheduler: scheduler,
            officialPoller: officialPoller, notificationDispatcher: dispatcher, startedAt: clock.now(),
            storageLocation: storage,
            logger: logger)
    }
}
