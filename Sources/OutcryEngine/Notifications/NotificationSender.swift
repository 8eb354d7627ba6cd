package import AsyncHTTPClient
import NIOCore
package import OutcryModel
package import OutcryStore

/// One attempt, done: what was sent, when, and how it went.
package struct SentNotification: Sendable, Equatable {
    package var delivery: DueDelivery
    package var outcome: DeliveryOutcome
    /// When the attempt started (the signed timestamp of a webhook).
    package var at: Timestamp
    package var durationMilliseconds: Int64

    package init(delivery: DueDelivery, outcome: DeliveryOutcome, at: Timestamp, durationMilliseconds: Int64) {
        self.delivery = delivery
        self.outcome = outcome
        self.at = at
        self.durationMilliseconds = durationMilliseconds
    }
}

/// Sends notifications over the network or to commands, without touching the database, so the daemon never
/// holds the SQLite writer while it waits on a receiver: take the due deliveries from the engine
/// (``Engine/dueDeliveries(now:limit:settings:)``), ``send(_:)-(DueDelivery)`` them here, and hand the
/// results back (``Engine/recordDeliveries(_:settings:)``).
package struct NotificationSender: Sendable {
    /// A client that does not follow redirects (a redirected POST would lose its body) and fails at once when
    /// it cannot connect (deliveries have their own retries), created once and never shut down, like
    /// `HTTPClient.shared`.
    package static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: nil, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(10)), proxy: nil, ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Signs webhooks with its time and stamps attempts.
    package var clock: any TimeSource
    /// How long a webhook receiver has to answer.
    package var requestTimeout: Duration
    /// How long an exec hook may run before it is killed.
    package var commandTimeout: Duration
    package var httpClient: HTTPClient
    /// The daemon's public base URL (`--public-url`, no trailing slash): native notifiers link the incident
    /// page with it; without it their messages carry no link.
    package var publicURL: String?

    package init(
        clock: any TimeSource, requestTimeout: Duration = .seconds(10), commandTimeout: Duration = .seconds(30),
        httpClient: HTTPClient = NotificationSender.defaultHTTPClient, publicURL: String? = nil
    ) {
        self.clock = clock
        self.requestTimeout = requestTimeout
        self.commandTimeout = commandTimeout
        self.httpClient = httpClient
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// Sends one message, once; never throws (every failure is an outcome).
    package func send(_ message: OutgoingNotification) async -> (
        outcome: DeliveryOutcome, at: Timestamp, milliseconds: Int64
    ) {
        let at = clock.now()
        let started = ContinuousClock.now
        let outcome: DeliveryOutcome =
            switch message.hookKind {
            case .webhook:
                await WebhookTransport.post(message, timestamp: at, client: httpClient, timeout: requestTimeout)
            case .exec:
                await CommandTransport.run(message, timeout: commandTimeout)
            case .slack, .teams, .discord, .googlechat, .pagerduty:
                await NativeNotifier.post(message, publicURL: publicURL, client: httpClient, timeout: requestTimeout)
            case .email:
                await sendEmail(message, at: at)
            }
        let elapsed = ContinuousClock.now - started
        return (outcome, at, elapsed.wholeNanoseconds / 1_000_000)
    }

    private func sendEmail(_ message: OutgoingNotification, at: Timestamp) async -> DeliveryOutcome {
        do {
            let content = try NativeNotifier.content(of: message, publicURL: publicURL)
            return await SendmailTransport.send(message, content: content, timeout: commandTimeout, now: at)
        } catch {
            return .failed(
                httpStatus: nil,
                error: "cannot build the email from the stored event: \(String(describing: error).prefix(200))")
        }
    }

    /// Sends one due delivery, once.
    package func send(_ delivery: DueDelivery) async -> SentNotification {
        let result = await send(OutgoingNotification(delivery))
        return SentNotification(
            delivery: delivery, outcome: result.outcome, at: result.at, durationMilliseconds: result.milliseconds
        )
    }

    /// Sends a batch: each hook's deliveries one after another in event order, different hooks at the same
    /// time. After a failure the hook's later deliveries are not tried (``DeliveryOutcome/deferred``), so
    /// events reach a hook in order and an unreachable receiver costs one timeout per batch, not one per event.
    /// Results come back in the order of `deliveries`.
    package func send(_ deliveries: [DueDelivery]) async -> [SentNotification] {
        var byHook: [Int64: [DueDelivery]] = [:]
        for delivery in deliveries { byHook[delivery.hookID, default: []].append(delivery) }
        let sender = self
        let sent = await withTaskGroup(of: [SentNotification].self) { group in
            for queue in byHook.values {
                group.addTask {
                    var results: [SentNotification] = []
                    var blocked = false
                    for delivery in queue.sorted(by: { $0.eventID < $1.eventID }) {
                        if blocked {
                            results.append(
                                SentNotification(
                                    delivery: delivery, outcome: .deferred, at: sender.clock.now(),
                                    durationMilliseconds: 0
                                )
                            )
                            continue
                        }
                        let result = await sender.send(delivery)
                        blocked = result.outcome.isFailure
                        results.append(result)
                    }
                    return results
                }
            }
            var all: [SentNotification] = []
            for await results in group { all += results }
            return all
        }
        let order = Dictionary(
            deliveries.enumerated().map { (DeliveryKey($0.element), $0.offset) },
            uniquingKeysWith: { first, _ in first }
        )
        return sent.sorted { (order[DeliveryKey($0.delivery)] ?? 0) < (order[DeliveryKey($1.delivery)] ?? 0) }
    }

    private struct DeliveryKey: Hashable {
        var eventID: Int64
        var hookID: Int64
        init(_ delivery: DueDelivery) {
            eventID = delivery.eventID
            hookID = delivery.hookID
        }
    }
}
