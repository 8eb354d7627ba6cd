import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// A clock the test moves by hand.
final class TestClock: TimeSource {
    private let instant: Mutex<Timestamp>

    init(_ instant: Timestamp) { self.instant = Mutex(instant) }

    func now() -> Timestamp { instant.withLock { $0 } }

    func advance(seconds: Int64) { instant.withLock { $0 = $0.adding(seconds: seconds) } }
}

/// A daemon on a temporary database file: the real runtime and router, a manual tick source, a test clock.
struct ServerHarness {
    let directory: TemporaryDirectory
    let path: String
    let ticks = ManualTickSource()
    /// The official poller and the notification dispatcher never run on their own in tests: a test calls
    /// `poll()` / `pass()` (or ticks these).
    let officialTicks = ManualTickSource()
    let notificationTicks = ManualTickSource()
    let clock: TestClock
    let registry = PrometheusCollectorRegistry()
    let runtime: ServerRuntime

    static let quietLogger = Logger(label: "outcry.test") { _ in SwiftLogNoOpLogHandler() }

    /// - Parameters:
    ///   - prepare: fills the database file before the daemon opens it (default: two services).
    init(
        now: Timestamp = Instants.outageAfternoon,
        prepare: (String) throws -> Void = { path in
            try OutcryDatabase.file(path, services: [.fixture(), .fixture("instagram", name: "Instagram")]).close()
        },
        configure: (inout ServerSettings) -> Void = { _ in },
        onTick: @escaping @Sendable (TickResult) async -> Void = { _ in }
    ) throws {
        directory = TemporaryDirectory(prefix: "outcry-server")
        path = directory.path("outcry.sqlite")
        try prepare(path)
        clock = TestClock(now)
        var settings = ServerSettings()
        settings.databasePath = path
        settings.port = 0
        settings.trustsForwardedFor = true
        settings.rateLimitPerSecond = 0
        configure(&settings)
        runtime = try ServerRuntime.open(
            settings: settings, clock: clock, ticks: ticks, registry: registry, logger: Self.quietLogger,
            onTick: onTick,
            officialTicks: officialTicks, notificationTicks: notificationTicks)
    }

    var application: some ApplicationProtocol { buildApplication(runtime) }

    /// Runs `body` against the router (the runtime's services run around it and stop gracefully after).
    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws
        -> Value
    {
        try await application.test(.router) { client in try await body(client) }
    }

    /// Report totals read through a fresh connection (what a restart would see).
    func storedTotals() throws -> IngestSummary {
        let database = try OutcryDatabase(path: path, now: clock.now())
        defer { database.close() }
        return try database.reportTotals()
    }
}

extension TestClientProtocol {
    /// `POST /v1/reports` with a JSON body, from `client` (sent as X-Forwarded-For, which the harness trusts).
    @discardableResult
    func postReports(_ json: String, client: String = "192.0.2.1", query: String = "") async throws -> TestResponse {
        try await execute(
            uri: "/v1/reports" + query, method: .post,
            headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: client],
            body: ByteBuffer(string: json))
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let dictionary = object as? [String: Any] else { throw JSONShapeError() }
        return dictionary
    }
}

struct JSONShapeError: Error {}

/// A report object as the API takes it.
func reportJSON(
    service: String = "whatsapp", region: String = "US", problem: String = "login",
    at: String? = "2024-03-05T14:55:00Z",
    reporter: String? = "device-1"
) -> String {
    var fields = ["\"service\":\"\(service)\"", "\"region\":\"\(region)\"", "\"problem\":\"\(problem)\""]
    if let at { fields.append("\"at\":\"\(at)\"") }
    if let reporter { fields.append("\"reporter\":\"\(reporter)\"") }
    return "{" + fields.joined(separator: ",") + "}"
}

/// Waits (yielding, never sleeping) until `condition` holds.
func waitUntil(_ condition: () -> Bool) async {
    while !condition() { await Task.yield() }
}

/// Waits (yielding, never sleeping) until `condition` holds or `limit` has passed; returns whether it holds.
/// For a wait that must end soon: the caller fails with its own message instead of hanging until the suite's
/// time limit. The clock only bounds the wait; a passing test never waits for it.
func waitUntil(within limit: Duration, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: limit)
    while !condition() {
        if ContinuousClock.now >= deadline { return false }
        await Task.yield()
    }
    return true
}

/// A one-way flag set on one thread and read on another.
final class Flag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}
