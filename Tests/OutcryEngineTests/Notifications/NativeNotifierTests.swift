import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Synchronization
import Testing

/// Slack, Teams, Discord, Google Chat and PagerDuty hooks on the real outbox and transport, each against a
/// loopback receiver that checks the provider's documented fields and limits and answers like the provider.
@Suite(.timeLimit(.minutes(10))) struct NativeNotifierTests {
    static let publicURL = "https://outcry.example.org"

    /// An engine on a temporary database with WhatsApp (group meta), and a clock the test moves.
    final class World {
        let folder = TemporaryDirectory(prefix: "outcry-native")
        let clock = ManualTimeSource(Instants.outageAfternoon.adding(minutes: 10))
        let engine: Engine

        init(serviceName: String = "WhatsApp") throws {
            let path = folder.path("outcry.sqlite")
            let database = try OutcryDatabase.file(
                path, services: [.fixture("whatsapp", name: serviceName, group: "meta")])
            database.close()
            engine = try Engine(
                path: path, clock: clock, logger: Logger(label: "outcry-test") { _ in SwiftLogNoOpLogHandler() })
        }

        deinit { engine.close() }

        func sender(publicURL: String? = NativeNotifierTests.publicURL) -> NotificationSender {
            NotificationSender(
                clock: clock, requestTimeout: .seconds(5), commandTimeout: .seconds(5), publicURL: publicURL)
        }

        /// Adds a hook of `provider` posting to `server`.
        @discardableResult
        func addHook(_ provider: ProviderReceiver.Provider, server: LoopbackHTTPServer) throws -> NotificationHook {
            switch provider {
            case .pagerduty:
                try engine.addNotificationHook(
                    kind: .pagerduty, target: NativeNotifierTests.routingKey, endpoint: server.url("/v2/enqueue"))
            default:
                try engine.addNotificationHook(
                    kind: NativeNotifierTests.kind(provider), target: server.url("/hook/\(provider)"))
            }
        }

        /// Records a change of `incident`.
        func record(_ kind: NotificationEventKind, _ incident: Incident) throws {
            let change = IncidentChange(
                kind: kind, incident: incident,
                occurredAt: kind == .resolved ? incident.endedAt ?? incident.detectedAt : incident.detectedAt)
            _ = try engine.storage.inTransaction { try engine.enqueueNotifications([change]) }
        }
    }

    static let routingKey = "0123456789abcdef0123456789abcdef"

    static func kind(_ provider: ProviderReceiver.Provider) -> NotificationHookKind {
        switch provider {
        case .slack: .slack
        case .teams: .teams
        case .discord: .discord
        case .googlechat: .googlechat
        case .pagerduty: .pagerduty
        }
    }

    @Test(arguments: ProviderReceiver.Provider.allCases)
    func eachProviderTakesAnOpenedIncidentInItsOwnFormat(provider: ProviderReceiver.Provider) async throws {
        let world = try World()
        try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: provider)) { server in
            try world.addHook(provider, server: server)
            try NotificationFixtures.enqueueOpened(Incident.fixture(), in: world.engine)
            let results = try await world.engine.deliverDueNotifications(sender: world.sender())
            let request = try #require(server.received.first)
            #expect(ProviderReceiver.problems(in: request.body, for: provider) == [])
            #expect(results.map(\.state) == [.delivered], "\(results.first?.outcome.error ?? "")")
            let body = request.bodyText
            // Unofficial, the service, regions, top problems, ratio, onset and the incident page.
            for expected in [
                "nofficial", "WhatsApp", "all regions; most affected: US", "login 80%", "13.3× the usual reports",
                Incident.fixture().startedAt.iso8601, "https://outcry.example.org/services/whatsapp",
            ] {
                #expect(body.contains(expected), "\(provider) body lacks \(expected): \(body)")
            }
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            #expect(request.headers["x-outcry-signature-256"] == nil, "no provider verifies our signature")
        }
    }

    /// The error answer of each provider, as the provider words it, reaches the delivery log.
    @Test(arguments: [
        (
            ProviderReceiver.Provider.slack, LoopbackHTTPServer.Reply(status: 400, body: Array("invalid_blocks".utf8)),
            "HTTP 400: the receiver refused the event: invalid_blocks"
        ),
        (
            .pagerduty,
            .json(
                #"{"status":"invalid event","message":"Event object is invalid","errors":["'payload.severity' is invalid"]}"#,
                status: 400),
            #"HTTP 400: the receiver refused the event: {"status":"invalid event","message":"Event object is invalid","errors":["'payload.severity' is invalid"]}"#
        ),
        (
            .discord, .json(#"{"code": 10015, "message": "Unknown Webhook"}"#, status: 404),
            #"HTTP 404: the receiver refused the event: {"code": 10015, "message": "Unknown Webhook"}"#
        ),
        (
            .googlechat,
            .json(
                #"{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#,
                status: 403),
            #"HTTP 403: the receiver refused the event: {"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#
        ),
        (
            .teams,
            .json(
                #"{"error":{"code":"DirectApiAuthorizationRequired","message":"The request must be authenticated"}}"#,
                status: 401),
            #"HTTP 401: the receiver refused the event: {"error":{"code":"DirectApiAuthorizationRequired","message":"The request must be authenticated"}}"#
        ),
    ])
    func aProvidersErrorAnswerIsRecordedWithItsText(
        provider: ProviderReceiver.Provider, reply: LoopbackHTTPServer.Reply, expected: String
    ) async throws {
        let world = try World()
        try await LoopbackHTTPServer.run(handler: { _ in reply }) { server in
            let hook = try world.addHook(provider, server: server)
            try NotificationFixtures.enqueueOpened(Incident.fixture(), in: world.engine)
            let results = try await world.engine.deliverDueNotifications(sender: world.sender())
            #expect(results.map(\.state) == [.failed])
            let log = try world.engine.notificationLog(limit: 5, hookID: hook.id)
            #expect(log.first?.error == expected)
            #expect(log.first?.httpStatus == reply.status)
        }
    }

    /// Rate limits are retried like any webhook's, no sooner than the provider asked.
    @Test func aRateLimitedMessageIsRetriedAfterRetryAfter() async throws {
        let world = try World()
        let answers = Mutex([429])
        try await LoopbackHTTPServer.run(handler: { request in
            if answers.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) != nil {
                return .init(
                    status: 429, headers: ["Retry-After": "120", "Content-Type": "application/json"],
                    body: Array(
                        #"{"message": "You are being rate limited.", "retry_after": 120.0, "global": false}"#.utf8))
            }
            return ProviderReceiver.reply(to: request, for: .discord)
        }) { server in
            try world.addHook(.discord, server: server)
            try NotificationFixtures.enqueueOpened(Incident.fixture(), in: world.engine)
            let first = try await world.engine.deliverDueNotifications(sender: world.sender())
            #expect(first.map(\.state) == [.pending])
            #expect(first.first?.nextAttemptAt == world.clock.now().adding(seconds: 120))
            world.clock.advance(seconds: 120)
            let second = try await world.engine.deliverDueNotifications(sender: world.sender())
            #expect(second.map(\.state) == [.delivered])
            #expect(server.received.count == 2)
            #expect(server.received[0].body == server.received[1].body, "every attempt sends the same bytes")
        }
    }

    @Test func pagerDutyTriggersWhenAnIncidentOpensAndResolvesWhenItEnds() async throws {
        let world = try World()
        try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: .pagerduty)) { server in
            try world.addHook(.pagerduty, server: server)
            let open = Incident.fixture()
            try world.record(.opened, open)
            try world.record(.levelRaised, open)
            var ended = open
            ended.status = .resolved
            ended.endedAt = open.detectedAt.adding(minutes: 40)
            try world.record(.resolved, ended)
            let results = try await world.engine.deliverDueNotifications(sender: world.sender())
            #expect(results.map(\.state) == [.delivered, .delivered, .delivered])
            let events = try server.received.map {
                try #require(JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])
            }
            #expect(server.received.allSatisfy { $0.path == "/v2/enqueue" })
            #expect(events.map { $0["event_action"] as? String } == ["trigger", "trigger", "resolve"])
            #expect(
                events.allSatisfy {
                    $0["dedup_key"] as? String == open.id && $0["routing_key"] as? String == Self.routingKey
                })
            let payload = try #require(events[0]["payload"] as? [String: Any])
            #expect(payload["summary"] as? String == open.summary)
            #expect(payload["severity"] as? String == "error")
            #expect(payload["component"] as? String == "whatsapp")
            let links = try #require(events[0]["links"] as? [[String: Any]])
            #expect(links.first?["href"] as? String == "https://outcry.example.org/services/whatsapp")
            #expect(Set(events[2].keys) == ["routing_key", "event_action", "dedup_key"])
        }
    }

    /// Without `--public-url` there is nothing to link to, and the messages say the rest all the same.
    @Test(arguments: ProviderReceiver.Provider.allCases)
    func withoutAPublicURLMessagesCarryNoLink(provider: ProviderReceiver.Provider) async throws {
        let world = try World()
        try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: provider)) { server in
            try world.addHook(provider, server: server)
            try NotificationFixtures.enqueueOpened(Incident.fixture(), in: world.engine)
            let results = try await world.engine.deliverDueNotifications(sender: world.sender(publicURL: nil))
            #expect(results.map(\.state) == [.delivered])
            let body = try #require(server.received.first).bodyText
            #expect(!body.contains("/services/") && !body.contains("/v1/incidents/"), "\(body)")
        }
    }

    @Test func notifyTestSendsASampleToEveryProviderAndResolvesPagerDutysAlert() async throws {
        for provider in ProviderReceiver.Provider.allCases {
            let world = try World()
            try await LoopbackHTTPServer.run(handler: ProviderReceiver.handler(for: provider)) { server in
                let hook = try world.addHook(provider, server: server)
                let outcome = try await world.engine.sendTestNotification(hookID: hook.id, sender: world.sender())
                #expect(outcome.httpStatus.map { (200..<300).contains($0) } == true, "\(provider): \(outcome)")
                #expect(server.received.count == (provider == .pagerduty ? 2 : 1))
                for request in server.received {
                    #expect(ProviderReceiver.problems(in: request.body, for: provider) == [])
                }
                let first = try #require(server.received.first).bodyText
                #expect(first.contains("TEST"), "\(first)")
                #expect(try world.engine.recentNotificationEvents(limit: 5).isEmpty, "a test stores nothing")
            }
        }
    }
}
