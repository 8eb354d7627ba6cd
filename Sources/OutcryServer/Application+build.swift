package import Hummingbird
package import Logging
import NIOCore
package import OutcryEngine
package import Prometheus
import ServiceLifecycle

/// The daemon's HTTP application: the router over a ``ServerRuntime``, with the writer, the reader, the
/// detection scheduler, the official status poller and the notification dispatcher as services. Hummingbird
/// appends its HTTP server after them, and graceful shutdown stops services in reverse order: the listener
/// closes and in-flight requests finish first, then the dispatcher, the poller and the scheduler, then the
/// writer drains its queue, commits and checkpoints, then the reader closes. Connections are HTTP/1 with
/// ``ServerSettings/idleTimeoutSeconds`` and at most ``ServerSettings/maximumConnections`` open.
package func buildApplication(_ runtime: ServerRuntime) -> some ApplicationProtocol {
    var services: [any Service] = [runtime.reader, runtime.writer, runtime.scheduler]
    if let poller = runtime.officialPoller { services.append(poller) }
    services.append(runtime.notificationDispatcher)
    let settings = runtime.settings
    let idleTimeout: TimeAmount? =
        settings.idleTimeoutSeconds > 0 ? .milliseconds(Int64(min(settings.idleTimeoutSeconds, 86_400) * 1_000)) : nil
    let counter = ConnectionCounter(maximum: max(settings.maximumConnections, 1))
    return Application(
        router: buildRouter(runtime),
        server: .cappedHTTP1(idleTimeout: idleTimeout, counter: counter),
        configuration: ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "outcry"),
        services: services,
        onServerRunning: { channel in
            runtime.logger.info(
                "listening", metadata: ["server.address": "\(channel.localAddress.map { "\($0)" } ?? "-")"])
        },
        logger: runtime.logger
    )
}

/// Opens the runtime on `settings.databasePath` and builds the application (the daemon's entry point).
package func buildApplication(
    settings: ServerSettings, clock: any TimeSource = SystemTimeSource(), registry: PrometheusCollectorRegistry,
    logger: Logger
) throws -> some ApplicationProtocol {
    buildApplication(try ServerRuntime.open(settings: settings, clock: clock, registry: registry, logger: logger))
}

/// Every route of the daemon.
package func buildRouter(_ runtime: ServerRuntime) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addRoutes(
        ReportController(
            ingestor: runtime.ingestor, settings: runtime.settings, metrics: runtime.metrics
        ).endpoints,
        atPath: "/v1")
    router.addRoutes(
        ServiceController(reader: runtime.reader, latest: runtime.latest, clock: runtime.clock).endpoints, atPath: "/v1"
    )
    router.addRoutes(
        IncidentController(reader: runtime.reader, clock: runtime.clock, publicURL: runtime.settings.publicURL)
            .endpoints,
        atPath: "/v1")
    router.addRoutes(
        OperationsController(
            writer: runtime.writer, latest: runtime.latest, registry: runtime.registry, clock: runtime.clock,
            intervalSeconds: runtime.settings.detectionIntervalSeconds, storage: runtime.storageLocation,
            startedAt: runtime.startedAt
        ).endpoints)
    router.addRoutes(
        DashboardController(
            reader: runtime.reader, latest: runtime.latest, ingestor: runtime.ingestor,
            settings: runtime.settings, metrics: runtime.metrics
        ).endpoints)
    router.addRoutes(
        BadgeController(
            catalog: runtime.catalog, latest: runtime.latest, clock: runtime.clock,
            retryAfterSeconds: runtime.settings.retryAfterSeconds
        ).endpoints,
        atPath: "/v1")
    router.addRoutes(
        EmbedController(
            catalog: runtime.catalog, latest: runtime.latest, ingestor: runtime.ingestor, settings: runtime.settings,
            metrics: runtime.metrics, clock: runtime.clock
        ).endpoints)
    return router
}

extension ServerRuntime {
    /// Runs the daemon until SIGTERM or SIGINT, then shuts down gracefully (see ``buildApplication(_:)``).
    package func runUntilSignalled() async throws {
        try await buildApplication(self).runService()
    }
}
