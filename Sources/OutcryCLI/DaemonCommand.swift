import ArgumentParser
import Logging
import Metrics
import OutcryEngine
import OutcryServer
import OutcryStore
import Prometheus

/// `outcry daemon`: the HTTP API, the dashboard and detection every interval, until SIGTERM or SIGINT.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Serve the HTTP API and dashboard and run detection every interval (unofficial indicators).",
        discussion: """
            POST /v1/reports takes one report or an array of up to 10,000 and answers 202 once they are \
            committed. GET /v1/services, /v1/incidents and the dashboard at / show current levels; /metrics, \
            /healthz, /readyz and /openapi.yaml are for operations. Reports without a token count once per \
            client network (IPv4 address or IPv6 /64) and take the time they arrive; relays send \
            'Authorization: Bearer TOKEN' (see outcry token). SIGTERM or SIGINT stops accepting \
            connections, finishes in-flight requests, commits, checkpoints the WAL and exits 0.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address and port to listen on.") var listen = "127.0.0.1:8080"
    @Option(help: "Seconds between detection ticks.") var interval: Int = 60
    @Option(help: "Anonymous reports per second per client network (0 turns this limit off).") var rateLimit: Double = 2
    @Option(help: "Anonymous reports a client network may send at once (and the most per request).")
    var rateBurst: Double = 120
    @Option(help: "Reports per second of an API token made without --rate (0: unlimited).")
    var tokenRate: Double = 100
    @Option(help: "Reports allowed to wait for the writer before answering 503.") var queueCapacity: Int = 200_000
    @Option(help: "Largest request body, in bytes.") var maxBodyBytes: Int = 4 * 1024 * 1024
    @Flag(help: "Take the client address from X-Forwarded-For (only behind your own reverse proxies).")
    var trustForwardedFor = false
    @Option(
        help:
            "With --trust-forwarded-for: how many of your proxies append to X-Forwarded-For; the client is that many entries from the right."
    )
    var trustedProxyHops: Int = 1
    @Option(help: "Seconds between polls of linked official status pages (0 turns polling off).")
    var officialPollInterval: Int = 120
    @Option(help: "Seconds between passes over the notification outbox (new events and due retries).")
    var notifyInterval: Int = 10
    @Option(
        help:
            "The public base URL of this daemon, for Atom feed links and the report form's origin (default: relative links)."
    )
    var publicURL: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: LogLevelOption =
        .info
    @Flag(help: "Follow status-page redirects to loopback, private and link-local addresses (tests, intranets).")
    var allowPrivateAddresses = false
    @Option(help: "Seconds a connection may stay idle before it is closed (0 turns the timeout off).")
    var idleTimeout: Double = 30
    @Option(help: "Most connections open at once; one more is answered 503 and closed.")
    var maxConnections: Int = 1_024
    @Option(
        help: ArgumentHelp(
            "Comma-separated origins (https://example.org) that may frame the report button at /embed/SLUG and post its form.",
            valueName: "list"))
    var embedOrigins: String?

    func validate() throws {
        guard parseListen() != nil else {
            throw ValidationError("--listen \(listen) is not HOST:PORT, such as 127.0.0.1:8080")
        }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
        guard rateLimit.isFinite, rateLimit >= 0, rateBurst.isFinite, rateBurst >= 1 else {
            throw ValidationError("--rate-limit must be 0 (off) or more and --rate-burst at least 1")
        }
        guard tokenRate.isFinite, tokenRate >= 0 else {
            throw ValidationError("--token-rate must be 0 (unlimited) or more")
        }
        guard (1...16).contains(trustedProxyHops) else {
            throw ValidationError("--trusted-proxy-hops must be from 1 to 16 (the number of your proxies in front)")
        }
        guard queueCapacity >= 1 else { throw ValidationError("--queue-capacity must be at least 1") }
        guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024") }
        guard officialPollInterval == 0 || officialPollInterval >= 10 else {
            throw ValidationError("--official-poll-interval must be 0 (off) or at least 10 seconds")
        }
        guard notifyInterval >= 1 else { throw ValidationError("--notify-interval must be at least 1 second") }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError(
                "--public-url must start with http:// or https://, such as https://outcry.example.org")
        }
        guard idleTimeout.isFinite, idleTimeout >= 0, idleTimeout <= 86_400 else {
            throw ValidationError("--idle-timeout must be from 0 (off) to 86400 seconds")
        }
        guard (1...1_000_000).contains(maxConnections) else {
            throw ValidationError("--max-connections must be from 1 to 1000000")
        }
        if let embedOrigins {
            do {
                _ = try EmbedOrigins(parsing: embedOrigins)
            } catch {
                throw ValidationError("--embed-origins: \(error.description)")
            }
        }
    }

    func parseListen() -> (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":") else { return nil }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
            return nil
        }
        return (host, port)
    }

    func run() async throws {
        let level = logLevel.level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "outcry.daemon")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        var settings = ServerSettings()
        settings.databasePath = global.databasePath
        settings.storeOptions.synchronous = global.synchronous == .full ? .full : .normal
        if let (host, port) = parseListen() {
            settings.host = host
            settings.port = port
        }
        settings.detectionIntervalSeconds = Int64(interval)
        settings.rateLimitPerSecond = rateLimit
        settings.rateLimitBurst = rateBurst
        settings.writeQueueCapacity = queueCapacity
        settings.maximumBodyBytes = maxBodyBytes
        settings.tokenRateLimitPerSecond = tokenRate
        settings.trustsForwardedFor = trustForwardedFor
        settings.trustedProxyHops = trustedProxyHops
        settings.officialPollIntervalSeconds = Int64(officialPollInterval)
        settings.notificationIntervalSeconds = Int64(notifyInterval)
        settings.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        settings.allowsPrivateAddresses = allowPrivateAddresses
        settings.idleTimeoutSeconds = idleTimeout
        settings.maximumConnections = maxConnections
        if let embedOrigins { settings.embedOrigins = try EmbedOrigins(parsing: embedOrigins) }

        let runtime = try ServerRuntime.open(
            settings: settings, clock: try global.clock(), registry: registry, logger: logger)
        logger.info(
            "starting",
            metadata: [
                "server.listen": "\(listen)", "detection.interval": "\(interval)",
                "database.path": "\(settings.databasePath)",
            ])
        try await runtime.runUntilSignalled()
        logger.info("stopped")
    }
}

/// `--log-level`, parsed into our own enum (we don't conform swift-log's type to ArgumentParser).
enum LogLevelOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
