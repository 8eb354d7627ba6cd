import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Migration 0012 rebuilds `notification_hook` to widen its `kind` CHECK: existing hooks keep their ids and
/// the deliveries and attempts that reference them, with foreign keys enforced throughout.
@Suite(.timeLimit(.minutes(10))) struct NotificationHookKindMigrationTests {
    /// A database at the schema before 0012 (foreign keys on, as the store runs), holding two hooks (one
    /// removed) with an event, deliveries and logged attempts.
    static func olderDatabase(_ folder: TemporaryDirectory) throws -> String {
        let path = folder.path("old.sqlite")
        let connection = try SQLiteConnection(path: path)
        try connection.configureForWriting(synchronous: .normal)
        try Migrator(migrations: EmbeddedMigrations.all.filter { $0.version < 12 }).migrate(connection, appliedAt: 0)
        try connection.execute(
            """
            INSERT INTO notification_hook (id, kind, target, service, group_name, min_level, secret, created_at, removed_at)
            VALUES (3, 'webhook', 'https://example.com/hook', 'whatsapp', NULL, 'likely', 'secret-0123456789abcdef', 10, NULL),
                   (7, 'exec', 'cat > /dev/null', NULL, 'meta', 'possible', NULL, 11, 12);
            INSERT INTO notification_event (id, key, kind, incident_id, service, level, occurred_at, created_at, payload)
            VALUES (1, 'opened:x', 'opened', 'whatsapp/global/1', 'whatsapp', 'likely', 100, 100, '{}');
            INSERT INTO notification_delivery (event_id, hook_id, state, attempts) VALUES (1, 3, 'delivered', 1),
                (1, 7, 'failed', 2);
            INSERT INTO notification_attempt (event_id, hook_id, attempt, at, outcome, http_status, error, duration_ms)
            VALUES (1, 3, 1, 101, 'delivered', 200, NULL, 5), (1, 7, 1, 101, 'retry', NULL, 'exit 1', 5);
            """
        )
        return path
    }

    @Test func widensTheKindAndKeepsHooksIdsAndReferences() throws {
        let folder = TemporaryDirectory()
        let path = try Self.olderDatabase(folder)
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        defer { database.close() }
        let hooks = try database.notificationHooks(includingRemoved: true)
        #expect(hooks.map(\.id) == [3, 7])
        #expect(hooks.map(\.kind) == [.webhook, .exec])
        #expect(hooks[0].secret == "secret-0123456789abcdef")
        #expect(hooks[0].filter.service?.rawValue == "whatsapp")
        #expect(hooks[1].filter.group == "meta")
        #expect(hooks[1].removedAt == Timestamp(seconds: 12))
        #expect(hooks.allSatisfy { $0.endpoint == nil && $0.mailFrom == nil })
        #expect(try database.notificationAttempts(limit: 10).count == 2)
        #expect(try count("PRAGMA foreign_key_check", in: database.connection) == 0)
        #expect(
            try count("SELECT 1 FROM sqlite_temp_master WHERE name = 'notification_hook_copy'", in: database.connection)
                == 0)

        // The new kinds are accepted, with their endpoint and From address; ids continue after the old ones.
        let pager = try database.addNotificationHook(
            NewNotificationHook(
                kind: .pagerduty, target: "0123456789abcdef0123456789abcdef", secret: nil,
                endpoint: "http://127.0.0.1:9/v2/enqueue"), now: Instants.outageAfternoon)
        let mail = try database.addNotificationHook(
            NewNotificationHook(
                kind: .email, target: "ops@example.com", secret: nil, endpoint: "/usr/sbin/sendmail",
                mailFrom: "outcry@example.org"), now: Instants.outageAfternoon)
        #expect(pager.id == 8 && mail.id == 9)
        let stored = try #require(try database.notificationHook(id: 9))
        #expect(
            stored.kind == .email && stored.endpoint == "/usr/sbin/sendmail" && stored.mailFrom == "outcry@example.org")
        for kind in NotificationHookKind.allCases {
            try database.connection.execute(
                "INSERT INTO notification_hook (kind, target, min_level, created_at) VALUES ('\(kind.rawValue)', 't', 'likely', 0)"
            )
        }
    }

    @Test func theCheckAndTheForeignKeysStillHold() throws {
        let folder = TemporaryDirectory()
        let path = try Self.olderDatabase(folder)
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        defer { database.close() }
        #expect(throws: SQLiteError.self) {
            try database.connection.execute(
                "INSERT INTO notification_hook (kind, target, min_level, created_at) VALUES ('sms', 't', 'likely', 0)")
        }
        // A delivery for a hook that does not exist is refused: the references point at the rebuilt table.
        #expect(throws: SQLiteError.self) {
            try database.connection.execute(
                "INSERT INTO notification_delivery (event_id, hook_id, state, attempts) VALUES (1, 99, 'pending', 0)")
        }
        #expect(throws: SQLiteError.self) {
            try database.connection.execute("DELETE FROM notification_hook WHERE id = 3")
        }
    }

    private func count(_ sql: String, in connection: SQLiteConnection) throws -> Int {
        let statement = try connection.cachedStatement(sql)
        var rows = 0
        while try statement.step() { rows += 1 }
        statement.reset()
        return rows
    }
}
