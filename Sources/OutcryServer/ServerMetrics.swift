package import Metrics
package import OutcryDetection
package import OutcryModel
package import OutcryStore

/// The daemon's metrics, made from an injected factory: the daemon passes the Prometheus factory it
/// bootstrapped, tests a factory on a fresh registry, so nothing here touches the global `MetricsSystem`.
package struct ServerMetrics: Sendable {
    /// Reports stored, by outcome: `counted`, `duplicate`, `anonymous`.
    package let stored: [ReportClassification: Counter]
    private let factory: any MetricsFactory
    /// Latency of `POST /v1/reports` (and the form), from body read to the answer.
    package let ingestDuration: Timer
    /// Reports per committed transaction.
    package let batchSize: Recorder
    /// Reports waiting for the writer.
    package let writeQueueDepth: Gauge
    package let databaseWritable: Gauge
    package let tickDuration: Timer
    /// Seconds between now and the detector's last tick, after each tick.
    package let detectionLag: Gauge
    package let tickOverruns: Counter
    package let openIncidents: [AlertLevel: Gauge]

    package init(factory: any MetricsFactory) {
        self.factory = factory
        var stored: [ReportClassification: Counter] = [:]
        for outcome in [ReportClassification.counted, .duplicate, .anonymous] {
            stored[outcome] = Counter(
                label: "outcry_reports_accepted_total", dimensions: [("outcome", outcome.metricName)], factory: factory)
        }
        self.stored = stored
        ingestDuration = Timer(label: "outcry_ingest_duration_seconds", factory: factory)
        batchSize = Recorder(label: "outcry_write_batch_reports", aggregate: true, factory: factory)
        writeQueueDepth = Gauge(label: "outcry_write_queue_reports", factory: factory)
        databaseWritable = Gauge(label: "outcry_database_writable", factory: factory)
        tickDuration = Timer(label: "outcry_detection_tick_duration_seconds", factory: factory)
        detectionLag = Gauge(label: "outcry_detection_lag_seconds", factory: factory)
        tickOverruns = Counter(label: "outcry_detection_tick_overruns_total", factory: factory)
        var open: [AlertLevel: Gauge] = [:]
        for level in [AlertLevel.possible, .likely] {
            open[level] = Gauge(
                label: "outcry_open_incidents", dimensions: [("level", level.rawValue)], factory: factory)
        }
        openIncidents = open
        databaseWritable.record(1)
    }

    /// Counts reads of official status pages, by outcome: `stored` or `failed`.
    package func officialRead(succeeded: Bool) {
        Counter(
            label: "outcry_official_reads_total", dimensions: [("outcome", succeeded ? "stored" : "failed")],
            factory: factory
        )
        .increment()
    }

    /// Counts notification delivery attempts, by outcome: `delivered`, `retry` or `failed`.
    package func notificationAttempt(outcome: String) {
        Counter(label: "outcry_notification_attempts_total", dimensions: [("outcome", outcome)], factory: factory)
            .increment()
    }

    /// Series currently labelled a possible flood, by cause: `few_reporters` (anonymous or repeated reports)
    /// or `single_source` (one relay token carries the spike). Neither opens an incident.
    package func recordFloods(_ statuses: [SeriesStatus]) {
        var single = 0
        var few = 0
        for status in statuses where status.isPossibleFlood {
            if status.isSingleSourceFlood { single += 1 } else { few += 1 }
        }
        Gauge(label: "outcry_possible_flood_series", dimensions: [("cause", "few_reporters")], factory: factory).record(
            few)
        Gauge(label: "outcry_possible_flood_series", dimensions: [("cause", "single_source")], factory: factory).record(
            single)
    }

    /// Counts reports refused, by reason: the field at fault (`region`, `body`…) for invalid reports, or
    /// `rate_limited`, `queue_full`, `unwritable`, `too_large`, `shutting_down`.
    package func rejected(_ count: Int, reason: String) {
        guard count > 0 else { return }
        Counter(label: "outcry_reports_rejected_total", dimensions: [("reason", reason)], factory: factory)
            .increment(by: count)
    }

    package func record(_ classes: [ReportClassification]) {
        var counted = 0
        var duplicates = 0
        var anonymous = 0
        for outcome in classes {
            switch outcome {
            case .counted: counted += 1
            case .duplicate: duplicates += 1
            case .anonymous: anonymous += 1
            }
        }
        if counted > 0 { stored[.counted]?.increment(by: counted) }
        if duplicates > 0 { stored[.duplicate]?.increment(by: duplicates) }
        if anonymous > 0 { stored[.anonymous]?.increment(by: anonymous) }
    }
}

extension ReportClassification {
    var metricName: String {
        switch self {
        case .counted: "counted"
        case .duplicate: "duplicate"
        case .anonymous: "anonymous"
        }
    }
}
