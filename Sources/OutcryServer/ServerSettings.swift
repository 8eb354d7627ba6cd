package import OutcryDetection
package import OutcryStore

/// Everything `outcry daemon` can be told: where to listen, the database, the limits. Defaults live here;
/// `OutcryCLI` maps flags into them and tests mutate a default.
package struct ServerSettings: Sendable {
    /// The database file. Two connections are opened on it (one writer, one reader), so not `:memory:`.
    package var databasePath: String = "outcry.sqlite"
    package var storeOptions = StoreOptions()
    package var host: String = "127.0.0.1"
    /// 0 picks a free port (tests).
    package var port: Int = 8080
    /// Seconds between detection ticks.
    package var detectionIntervalSeconds: Int64 = 60
    package var detectorSettings = DetectorSettings()
    /// The largest request body accepted, in bytes (413 above it).
    package var maximumBodyBytes = 4 * 1024 * 1024
    /// The most reports one `POST /v1/reports` may carry.
    package var maximumReportsPerRequest = 10_000
    /// Reports allowed to wait for the writer; a request that does not fit gets 503.
    package var writeQueueCapacity = 200_000
    /// The most reports committed in one transaction (a group commit stops adding requests here).
    package var maximumReportsPerTransaction = 20_000
    /// Anonymous reports (no token): each client network may send this many reports per second (0 turns this
    /// limit off)…
    package var rateLimitPerSecond: Double = 2
    /// …and this many at once (also the most one anonymous request may carry).
    package var rateLimitBurst: Double = 120
    /// Reports per second of a token made without `--rate`; a token's bucket holds a minute of its rate.
    package var tokenRateLimitPerSecond: Double = 100
    /// Take the client's address from `X-Forwarded-For` (only behind reverse proxies you run).
    package var trustsForwardedFor = false
    /// How many reverse proxies of yours append to `X-Forwarded-For`: the client is that many entries from
    /// the right (the entries further left are the client's own words).
    package var trustedProxyHops = 1
    /// How long the cached API tokens are used before they are read again (a revoked token is refused
    /// within this many seconds).
    package var tokenCatalogMaximumAgeSeconds: Double = 2
    /// How long a cached list of monitored services is used before it is read again.
    package var serviceCatalogMaximumAgeSeconds: Double = 5
    /// Seconds a client is told to wait (`Retry-After`) when the write queue is full or the database cannot
    /// be written.
    package var retryAfterSeconds = 1
    /// Seconds between polls of the official status pages linked with `outcry official add` (0 turns polling
    /// off). A failing page backs off on its own schedule (see the engine's official sync).
    package var officialPollIntervalSeconds: Int64 = 120
    /// Seconds between passes over the notification outbox (deliveries due now, retries whose backoff ended).
    package var notificationIntervalSeconds: Int64 = 10
    /// The address people reach the daemon at (`https://outcry.example.org`), for links in the Atom feed and
    /// the origin the dashboard's report form must come from; nil makes feed links relative and takes the
    /// form's origin from the request's Host header.
    package var publicURL: String?
    /// Follow status-page redirects to loopback, private, link-local and other non-public addresses (for tests
    /// and intranets); off by default, so a page cannot make the daemon read its operator's own network.
    package var allowsPrivateAddresses = false
    /// Seconds a connection may stay idle (between requests, or while its request head is still arriving)
    /// before it is closed; 0 turns the timeout off.
    package var idleTimeoutSeconds: Double = 30
    /// The most connections open at once; one more is answered 503 and closed.
    package var maximumConnections = 1_024
    /// The sites that may frame the embeddable report button (`GET /embed/{slug}`) and post its form, besides
    /// the daemon itself (`--embed-origins`); empty: the daemon's own pages only.
    package var embedOrigins = EmbedOrigins()

    package init() {}
}
