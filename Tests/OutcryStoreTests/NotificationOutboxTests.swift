import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The outbox: one event per key, deliveries only for new events and matching hooks, claims, the attempt log.
@Suite(.timeLimit(.minutes(10))) struct NotificationOutboxTests {
    static let now = Instants.outageAfternoon

    static func draft(
        _ key: String, kind: NotificationEventKind = .opened, service: String = "whatsapp", level: AlertLevel = .likely
    ) -> NotificationEventDraft {
        NotificationEventDraft(
            key: key, kind: kind, incidentID: "\(service)/global/1", service: ServiceSlug(rawValue: service)!,
            level: level, occurredAt: now
        )
    }

    static func database() throws -> OutcryDatabase {
        try OutcryDatabase.inMemory(services: [
            .fixture("whatsapp", group: "meta"), .fixture("instagram", group: "meta"),
            .fixture("gmail", group: "google"),
        ])
    }

    static func webhook(_ filter: NotificationFilter = NotificationFilter()) -> NewNotificationHook {
        NewNotificationHook(
            kind: .webhook, target: "http://127.0.0.1:9/hook", filter: filter, secret: "0123456789abcdef")
    }

    @discardableResult
    static func enqueue(_ drafts: [NotificationEventDraft], in database: OutcryDatabase, at: Timestamp = now) throws
        -> [NotificationEvent]
    {
        try database.enqueueNotificationEvents(drafts, createdAt: at) { draft, id in
            "{\"event_id\":\(id),\"key\":\"\(draft.key)\"}"
        }
    }

    @Test func anEventIsStoredOnceAndGetsItsDeliveriesOnlyWhenNew() throws {
        let database = try Self.database()
        let hook = try database.addNotificationHook(Self.webhook(), now: Self.now)
        let first = try Self.enqueue([Self.draft("opened:a"), Self.draft("opened:a")], in: database)
        #expect(first.map(\.key) == ["opened:a"])
        let event = try #require(first.first)
        #expect(event.payload == "{\"event_id\":\(event.id),\"key\":\"opened:a\"}")
        #expect(event.deliveries == 1)
        // A second hook added later, then the same change recorded again (a restart, a replay): nothing new.
        _ = try database.addNotificationHook(Self.webhook(), now: Self.now)
        #expect(try Self.enqueue([Self.draft("opened:a")], in: database).isEmpty)
        let deliveries = try database.notificationDeliveries()
        #expect(deliveries.map(\.hookID) == [hook.id])
        #expect(try database.recentNotificationEvents(limit: 10).map(\.key) == ["opened:a"])
    }

    @Test func deliveriesAreCreatedForTheHooksWhoseFilterMatches() throws {
        let database = try Self.database()
        let all = try database.addNotificationHook(Self.webhook(), now: Self.now)
        let whatsapp = try database.addNotificationHook(
            Self.webhook(NotificationFilter(service: ServiceSlug(rawValue: "whatsapp"))), now: Self.now)
        let meta = try database.addNotificationHook(Self.webhook(NotificationFilter(group: "meta")), now: Self.now)
        let google = try database.addNotificationHook(Self.webhook(NotificationFilter(group: "google")), now: Self.now)
        let likely = try database.addNotificationHook(
            Self.webhook(NotificationFilter(minimumLevel: .likely)), now: Self.now)
        let removed = try database.addNotificationHook(Self.webhook(), now: Self.now)
        #expect(try database.removeNotificationHook(id: removed.id, now: Self.now))
        let events = try Self.enqueue(
            [
                Self.draft("opened:w", service: "whatsapp"),
                Self.draft("opened:i", service: "instagram", level: .possible),
                Self.draft("opened:g", service: "gmail"),
            ],
            in: database
        )
        let byEvent = Dictionary(grouping: try database.notificationDeliveries(), by: \.eventID)
        func hooks(_ index: Int) -> Set<Int64> { Set(byEvent[events[index].id, default: []].map(\.hookID)) }
        #expect(hooks(0) == [all.id, whatsapp.id, meta.id, likely.id])
        #expect(hooks(1) == [all.id, meta.id])
        #expect(hooks(2) == [all.id, google.id, likely.id])
    }

    @Test(
        arguments: [
            (NotificationFilter(), "whatsapp", "meta", AlertLevel.possible, true),
            (NotificationFilter(service: ServiceSlug(rawValue: "whatsapp")), "whatsapp", "meta", .likely, true),
            (NotificationFilter(service: ServiceSlug(rawValue: "whatsapp")), "gmail", "google", .likely, false),
            (NotificationFilter(group: "meta"), "instagram", "meta", .likely, true),
            (NotificationFilter(group: "meta"), "gmail", nil, .likely, false),
            (NotificationFilter(minimumLevel: .likely), "gmail", nil, .possible, false),
            (NotificationFilter(minimumLevel: .likely), "gmail", nil, .likely, true),
            (
                NotificationFilter(service: ServiceSlug(rawValue: "gmail"), group: "meta"), "gmail", "google", .likely,
                false
            ),
        ] as [(NotificationFilter, String, String?, AlertLevel, Bool)])
    func filterNeedsEveryConditionToMatch(
        filter: NotificationFilter, service: String, group: String?, level: AlertLevel, expected: Bool
    ) throws {
        let slug = try #require(ServiceSlug(rawValue: service))
        #expect(filter.matches(service: slug, group: group, level: level) == expected)
    }

    @Test func claimingHoldsDeliveriesUntilTheClaimRunsOut() throws {
        let database = try Self.database()
        let hook = try database.addNotificationHook(Self.webhook(), now: Self.now)
        try Self.enqueue([Self.draft("opened:a")], in: database)
        #expect(
            try database.claimDueDeliveries(now: Self.now.adding(seconds: -1), limit: 10, claimUntil: Self.now).isEmpty)
        let claimed = try database.claimDueDeliveries(
            now: Self.now, limit: 10, claimUntil: Self.now.adding(seconds: 600))
        let delivery = try #require(claimed.first)
        #expect(claimed.count == 1)
        #expect(delivery.hookID == hook.id && delivery.attempt == 1 && delivery.secret == "0123456789abcdef")
        #expect(delivery.eventKind == .opened && delivery.payload.contains("opened:a"))
        // Another sender finds nothing while the claim holds, and takes it again once it runs out.
        #expect(
            try database.claimDueDeliveries(now: Self.now.adding(seconds: 599), limit: 10, claimUntil: Self.now).isEmpty
        )
        #expect(
            try database.claimDueDeliveries(now: Self.now.adding(seconds: 600), limit: 10, claimUntil: Self.now).count
                == 1)
    }

    @Test func aHooksLaterEventWaitsWhileAnEarlierOneAwaitsItsRetry() throws {
        let database = try Self.database()
        let hook = try database.addNotificationHook(Self.webhook(), now: Self.now)
        let events = try Self.enqueue(
            [Self.draft("opened:a"), Self.draft("resolved:a", kind: .resolved)], in: database)
        let claimed = try database.claimDueDeliveries(
            now: Self.now, limit: 1, claimUntil: Self.now.adding(seconds: 600))
        #expect(claimed.map(\.eventID) == [events[0].id])
        try database.recordDeliveryAttempt(
            DeliveryAttemptRecord(
                eventID: events[0].id, hookID: hook.id, attempt: 1, at: Self.now, outcome: .retry,
                nextAttemptAt: Self.now.adding(seconds: 30), httpStatus: 500, error: "HTTP 500", durationMilliseconds: 3
            )
        )
        #expect(
            try database.claimDueDeliveries(now: Self.now.adding(seconds: 29), limit: 10, claimUntil: Self.now).isEmpty)
        let later = try database.claimDueDeliveries(
            now: Self.now.adding(seconds: 30), limit: 10, claimUntil: Self.now.adding(seconds: 630))
        #expect(later.map(\.eventID) == [events[0].id, events[1].id])
        #expect(later.map(\.attempt) == [2, 1])
    }

    @Test func attemptsUpdateTheDeliveryAndFillTheLog() throws {
        let database = try Self.database()
        let hook = try database.addNotificationHook(Self.webhook(), now: Self.now)
        let event = try #require(try Self.enqueue([Self.draft("opened:a")], in: database).first)
        for (attempt, outcome) in [(1, AttemptOutcome.retry), (2, .delivered)] {
            try database.recordDeliveryAttempt(
                DeliveryAttemptRecord(
                    eventID: event.id, hookID: hook.id, attempt: attempt, at: Self.now.adding(seconds: Int64(attempt)),
                    outcome: outcome, nextAttemptAt: outcome == .retry ? Self.now.adding(seconds: 30) : nil,
                    httpStatus: outcome == .retry ? 503 : 204, error: outcome == .retry ? "HTTP 503" : nil,
                    durationMilliseconds: 12
                )
            )
        }
        let delivery = try #require(try database.notificationDeliveries().first)
        #expect(delivery.state == .delivered && delivery.attempts == 2 && delivery.lastStatus == 204)
        #expect(delivery.nextAttemptAt == nil && delivery.deliveredAt == Self.now.adding(seconds: 2))
        let log = try database.notificationAttempts(limit: 10)
        #expect(log.map(\.outcome) == [.delivered, .retry])
        #expect(log.map(\.httpStatus) == [204, 503])
        #expect(
            log.last?.error == "HTTP 503" && log.last?.eventKind == .opened
                && log.last?.incidentID == "whatsapp/global/1")
        #expect(try database.notificationAttempts(limit: 10, hookID: hook.id + 1).isEmpty)
        #expect(try database.notificationAttempts(limit: 1).count == 1)
    }

    @Test func removingAHookGivesUpItsPendingDeliveriesAndKeepsItForTheLog() throws {
        let database = try Self.database()
        let hook = try database.addNotificationHook(Self.webhook(), now: Self.now)
        try Self.enqueue([Self.draft("opened:a")], in: database)
        #expect(try database.removeNotificationHook(id: hook.id, now: Self.now))
        #expect(try !database.removeNotificationHook(id: hook.id, now: Self.now))
        #expect(try database.notificationHooks().isEmpty)
        #expect(try database.notificationHook(id: hook.id)?.removedAt == Self.now)
        let delivery = try #require(try database.notificationDeliveries().first)
        #expect(delivery.state == .failed && delivery.lastError == "hook removed")
        #expect(try database.claimDueDeliveries(now: Self.now, limit: 10, claimUntil: Self.now).isEmpty)
    }

    @Test func storedStatesAreReadForTheGivenIdsInOneQuery() throws {
        let database = try Self.database()
        let open = Incident.fixture()
        let resolved = Incident.fixture(service: "gmail", endedAt: Self.now.adding(minutes: 60))
        try database.saveIncidents([open, resolved])
        let states = try database.storedIncidentStates(ids: [open.id, resolved.id, "nope/global/1"])
        #expect(
            states == [
                open.id: StoredIncidentState(status: .open, level: .likely),
                resolved.id: StoredIncidentState(status: .resolved, level: .likely),
            ])
        #expect(try database.storedIncidentStates(ids: []).isEmpty)
    }

    @Test func recentEventsComeNewestFirst() throws {
        let database = try Self.database()
        try Self.enqueue([Self.draft("opened:a")], in: database)
        var later = Self.draft("resolved:a", kind: .resolved)
        later.occurredAt = Self.now.adding(minutes: 30)
        try Self.enqueue([later], in: database)
        #expect(try database.recentNotificationEvents(limit: 10).map(\.key) == ["resolved:a", "opened:a"])
        #expect(try database.recentNotificationEvents(limit: 1).map(\.key) == ["resolved:a"])
    }
}
