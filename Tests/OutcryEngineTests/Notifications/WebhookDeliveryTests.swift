import Crypto
import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Synchronization
import Testing

/// Webhooks against a real HTTP server on 127.0.0.1: signatures, retries with backoff, permanent failures,
/// timeouts. Time moves only when the test moves the clock.
@Suite(.timeLimit(.minutes(10))) struct WebhookDeliveryTests {
    /// Answers with the statuses in order, then 200.
    static func answering(_ statuses: [Int]) -> LoopbackHTTPServer.Handler {
        let remaining = Mutex(statuses)
        return { _ in
            let status = remaining.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return LoopbackHTTPServer.Reply(status: status, body: Array("status \(status)".utf8))
        }
    }

    /// The receiver's check, with its own HMAC: `sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))`.
    static func hasValidSignature(_ request: LoopbackHTTPServer.ReceivedRequest, secret: String) -> Bool {
        guard let timestamp = request.headers["x-outcry-timestamp"],
            let header = request.headers["x-outcry-signature-256"], header.hasPrefix("sha256=")
        else { return false }
        let hex = String(header.dropFirst("sha256=".count))
        var code: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return false }
            code.append(byte)
            index = next
        }
        return HMAC<SHA256>.isValidAuthenticationCode(
            code, authenticating: Array((timestamp + ".").utf8) + request.body,
            using: SymmetricKey(data: Array(secret.utf8))
        )
    }

    @Test func deliversTheSignedEventOnce() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([])) { server in
            let hook = try world.addWebhook(server.url("/hooks/outcry"))
            let event = try #require(try world.open())
            let results = try await world.deliver(world.sender())
            #expect(results.map(\.state) == [.delivered])
            #expect(results.first?.outcome == .delivered(httpStatus: 200))
            let request = try #require(server.received.first)
            #expect(server.received.count == 1)
            #expect(request.method == "POST" && request.path == "/hooks/outcry")
            #expect(request.bodyText == event.payload)
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["user-agent"] == "outcry")
            #expect(request.headers["x-outcry-event"] == "opened")
            #expect(request.headers["x-outcry-delivery"] == String(event.id))
            #expect(request.headers["x-outcry-timestamp"] == String(world.clock.now().seconds))
            #expect(Self.hasValidSignature(request, secret: NotificationWorld.secret))
            #expect(!Self.hasValidSignature(request, secret: "not-the-secret-at-all"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(body["event"] as? String == "opened" && body["label"] as? String == "unofficial")
            // Delivered: nothing is due any more, however late.
            world.clock.advance(seconds: 86_400)
            #expect(try await world.deliver(world.sender()).isEmpty)
            #expect(server.received.count == 1)
            #expect(try world.engine.notificationLog(limit: 10, hookID: hook.id).map(\.outcome) == [.delivered])
        }
    }

    @Test func aServerErrorIsRetriedAfterTheBackoff() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([500])) { server in
            let hook = try world.addWebhook(server.url("/hook"))
            try world.open()
            let first = try await world.deliver(world.sender())
            let start = world.clock.now()
            #expect(first.map(\.state) == [.pending])
            #expect(first.first?.outcome.httpStatus == 500)
            #expect(first.first?.nextAttemptAt == start.adding(seconds: 30))
            world.clock.advance(seconds: 29)
            #expect(try await world.deliver(world.sender()).isEmpty)
            world.clock.advance(seconds: 1)
            let second = try await world.deliver(world.sender())
            #expect(second.map(\.state) == [.delivered] && second.first?.attempt == 2)
            let requests = server.received
            // Required, not expected: the lines below index both requests (a short list must fail, not trap).
            try #require(requests.count == 2)
            // A retry sends the same bytes and the same delivery id, signed at its own time.
            #expect(requests[0].body == requests[1].body)
            #expect(requests[0].headers["x-outcry-delivery"] == requests[1].headers["x-outcry-delivery"])
            #expect(requests.map { $0.headers["x-outcry-attempt"] } == ["1", "2"])
            #expect(requests.allSatisfy { Self.hasValidSignature($0, secret: NotificationWorld.secret) })
            let log = try world.engine.notificationLog(limit: 10, hookID: hook.id)
            #expect(log.map(\.outcome) == [.delivered, .retry])
            #expect(log.map(\.httpStatus) == [200, 500])
            #expect(log.map(\.attempt) == [2, 1])
            #expect(log.last?.error == "HTTP 500: status 500")
        }
    }

    @Test func aGoneReceiverFailsForGoodWithoutRetry() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([410])) { server in
            try world.addWebhook(server.url("/hook"))
            try world.open()
            let results = try await world.deliver(world.sender())
            #expect(results.map(\.state) == [.failed])
            #expect(results.first?.outcome.error?.contains("HTTP 410") == true)
            world.clock.advance(seconds: 7 * 86_400)
            #expect(try await world.deliver(world.sender()).isEmpty)
            #expect(server.received.count == 1)
        }
    }

    @Test func aSlowReceiverTimesOutAndIsRetried() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: { _ in .init(status: 200, delay: .seconds(2)) }) { server in
            try world.addWebhook(server.url("/slow"))
            try world.open()
            // The outcome tells the timeout fired: had the client waited the 2 s out, it would be delivered.
            let results = try await world.deliver(world.sender(timeout: .milliseconds(200)))
            let result = try #require(results.first)
            #expect(result.state == .pending)
            #expect(result.outcome.error == "no answer within 200 ms")
            #expect(result.nextAttemptAt == world.clock.now().adding(seconds: 30))
        }
    }

    @Test func anUnreachableReceiverIsRetriedAndGivenUpAfterTheLastAttempt() async throws {
        let world = try NotificationWorld()
        // A port that was just closed: the connection is refused.
        let closedURL = try await LoopbackHTTPServer.run(handler: Self.answering([])) { server in server.url("/gone") }
        try world.addWebhook(closedURL)
        try world.open()
        var settings = NotificationSettings()
        settings.maximumAttempts = 3
        var states: [DeliveryState] = []
        for _ in 0..<3 {
            let results = try await world.deliver(world.sender(), settings: settings)
            states += results.map(\.state)
            world.clock.advance(seconds: 3600)
        }
        #expect(states == [.pending, .pending, .failed])
        let log = try world.engine.notificationLog(limit: 10)
        #expect(log.map(\.outcome) == [.failed, .retry, .retry])
        #expect(log.first?.error?.contains("gave up after 3 attempts") == true)
        #expect(log.allSatisfy { $0.httpStatus == nil && $0.error?.contains("could not reach") == true })
    }

    @Test func retryAfterPushesTheNextAttemptLater() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: { _ in .init(status: 429, headers: ["Retry-After": "300"]) }) {
            server in
            try world.addWebhook(server.url("/hook"))
            try world.open()
            let result = try #require(try await world.deliver(world.sender()).first)
            #expect(result.nextAttemptAt == world.clock.now().adding(seconds: 300))
        }
    }

    @Test func aRedirectIsNotFollowed() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: { request in
            request.path == "/old" ? .init(status: 301, headers: ["Location": "/new"]) : .init(status: 200)
        }) { server in
            try world.addWebhook(server.url("/old"))
            try world.open()
            let result = try #require(try await world.deliver(world.sender()).first)
            #expect(result.state == .failed)
            #expect(result.outcome.error?.contains("redirects are not followed") == true)
            #expect(server.received.map(\.path) == ["/old"])
        }
    }

    @Test func aHooksEventsArriveInOrderAfterAFailure() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([503])) { server in
            try world.addWebhook(server.url("/hook"))
            let first = try #require(try world.open("whatsapp"))
            let second = try #require(try world.open("gmail"))
            let results = try await world.deliver(world.sender())
            #expect(
                results.map(\.outcome) == [
                    .retry(httpStatus: 503, error: "HTTP 503: status 503", retryAfterSeconds: nil), .deferred,
                ])
            #expect(server.received.count == 1)
            world.clock.advance(seconds: 30)
            let later = try await world.deliver(world.sender())
            #expect(later.map(\.state) == [.delivered, .delivered])
            #expect(later.map(\.attempt) == [2, 1])
            #expect(
                server.received.map { $0.headers["x-outcry-delivery"] } == [
                    String(first.id), String(first.id), String(second.id),
                ])
        }
    }

    @Test func eachHookGetsTheEventsItsFilterAsksFor() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([])) { server in
            try world.addWebhook(server.url("/all"))
            try world.addWebhook(
                server.url("/whatsapp"), filter: NotificationFilter(service: ServiceSlug(rawValue: "whatsapp")))
            try world.addWebhook(server.url("/google"), filter: NotificationFilter(group: "google"))
            try world.addWebhook(server.url("/likely"), filter: NotificationFilter(minimumLevel: .likely))
            try world.open("whatsapp")
            try world.open("gmail")
            try NotificationFixtures.enqueueOpened(
                Incident.fixture(service: "gmail", region: "US", level: .possible), in: world.engine)
            _ = try await world.deliver(world.sender())
            let byPath = Dictionary(grouping: server.received, by: \.path).mapValues(\.count)
            #expect(byPath == ["/all": 3, "/whatsapp": 1, "/google": 2, "/likely": 2])
        }
    }

    @Test func theTestEventReachesTheHookAndIsNotStored() async throws {
        let world = try NotificationWorld()
        try await LoopbackHTTPServer.run(handler: Self.answering([])) { server in
            let hook = try world.addWebhook(server.url("/hook"))
            let outcome = try await world.engine.sendTestNotification(hookID: hook.id, sender: world.sender())
            #expect(outcome == .delivered(httpStatus: 200))
            let request = try #require(server.received.first)
            #expect(request.headers["x-outcry-event"] == "test" && request.headers["x-outcry-delivery"] == "0")
            #expect(Self.hasValidSignature(request, secret: NotificationWorld.secret))
            #expect(request.bodyText.contains("\"test\":true"))
            #expect(try world.engine.notificationLog(limit: 10).isEmpty)
            #expect(try world.engine.recentNotificationEvents(limit: 10).isEmpty)
        }
    }
}
