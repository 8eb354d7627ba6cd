import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Synchronization

/// A clock a test moves by hand.
final class SteppingClock: TimeSource {
    private let instant: Mutex<Timestamp>

    init(_ start: Timestamp) { instant = Mutex(start) }

    func now() -> Timestamp { instant.withLock { $0 } }

    func advance(minutes: Int64) { instant.withLock { $0 = $0.adding(minutes: minutes) } }
}

/// Log messages captured in memory, to check what the engine logs.
final class CapturedLogs: Sendable {
    private let entries = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])

    var messages: [String] { entries.withLock { $0.map(\.message) } }

    func metadata(of message: String) -> Logger.Metadata? {
        entries.withLock { $0.last { $0.message == message }?.metadata }
    }

    func append(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        entries.withLock { $0.append((level, message, metadata)) }
    }

    var logger: Logger {
        Logger(label: "outcry.test") { _ in Handler(logs: self) }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            logs.append(event.level, event.message.description, metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}

/// An in-memory engine monitoring WhatsApp, with a clock an hour after the fixtures' crowd onset.
struct OfficialWorld {
    let clock = SteppingClock(StatuspageFixtures.crowdOnset.adding(minutes: 60))
    let logs = CapturedLogs()
    let engine: Engine
    let whatsapp = MonitoredService.fixture("whatsapp", name: "WhatsApp").slug
    let gmail = MonitoredService.fixture("gmail", name: "Gmail", group: "google").slug

    init() throws {
        engine = try Engine(path: ":memory:", clock: clock, logger: logs.logger)
        for service in [
            MonitoredService.fixture("whatsapp", name: "WhatsApp"), .fixture("gmail", name: "Gmail", group: "google"),
        ] {
            _ = try engine.store { try $0.addService(service, now: Instants.outageAfternoon) }
        }
    }

    /// A fetcher with a short timeout (the tests' servers answer at once unless told to wait).
    static func fetcher(timeout: Duration = .seconds(5), maximumBytes: Int = 5 << 20) -> StatusPageFetcher {
        StatusPageFetcher(timeout: timeout, maximumBytes: maximumBytes)
    }

    /// The official source of WhatsApp as stored now.
    func source() throws -> OfficialSource? { try engine.officialSources().first { $0.service == whatsapp } }

    func storedOfficialIncidents() throws -> [OfficialIncident] { try engine.officialIncidents(of: whatsapp) }
}
