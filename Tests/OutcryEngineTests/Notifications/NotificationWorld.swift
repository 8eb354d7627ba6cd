import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport

/// An engine on a temporary database file with a few services and a clock the test moves by hand, for
/// delivery tests that don't need detection.
final class NotificationWorld {
    let folder = TemporaryDirectory(prefix: "outcry-notify")
    let path: String
    let clock = ManualTimeSource(Instants.outageAfternoon.adding(minutes: 10))
    let engine: Engine

    init() throws {
        path = folder.path("outcry.sqlite")
        let database = try OutcryDatabase.file(
            path, services: [.fixture("whatsapp", group: "meta"), .fixture("gmail", group: "google")])
        database.close()
        engine = try Engine(
            path: path, clock: clock, logger: Logger(label: "outcry-test") { _ in SwiftLogNoOpLogHandler() })
    }

    deinit { engine.close() }

    /// A sender on the world's clock; `timeout` is short so failing tests fail fast.
    func sender(timeout: Duration = .seconds(5), commandTimeout: Duration = .seconds(5)) -> NotificationSender {
        NotificationSender(clock: clock, requestTimeout: timeout, commandTimeout: commandTimeout)
    }

    /// Adds a webhook with a known secret.
    @discardableResult
    func addWebhook(_ url: String, filter: NotificationFilter = NotificationFilter()) throws -> NotificationHook {
        try engine.addNotificationHook(kind: .webhook, target: url, filter: filter, secret: Self.secret)
    }

    /// Records the `opened` event of a fixture incident of `service`.
    @discardableResult
    func open(_ service: String = "whatsapp", detectedAt: Timestamp = Instants.outageAfternoon) throws
        -> NotificationEvent?
    {
        try NotificationFixtures.enqueueOpened(Incident.fixture(service: service, detectedAt: detectedAt), in: engine)
            .first
    }

    /// Delivers what is due now.
    func deliver(_ sender: NotificationSender, settings: NotificationSettings = NotificationSettings()) async throws
        -> [DeliveryResult]
    {
        try await engine.deliverDueNotifications(sender: sender, settings: settings)
    }

    static let secret = "test-secret-0123456789"
}
