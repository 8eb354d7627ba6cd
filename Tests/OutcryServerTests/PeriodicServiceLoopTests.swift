import Logging
import OutcryModel
import OutcryServer
import Synchronization
import Testing

/// The loop every periodic daemon service (detection, notifications, status pages) runs on.
@Suite(.timeLimit(.minutes(10))) struct PeriodicServiceLoopTests {
    /// Keeps every log record, for the assertions.
    final class RecordingLogHandler: LogHandler, Sendable {
        let records = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
        var metadata: Logger.Metadata {
            get { [:] }
            set {}
        }
        var logLevel: Logger.Level {
            get { .trace }
            set {}
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { nil }
            set {}
        }
        func log(event: LogEvent) {
            records.withLock { $0.append((event.message.description, event.metadata ?? [:])) }
        }
    }

    struct PassFailed: Error, CustomStringConvertible {
        var description: String { "receiver down" }
    }

    @Test func aFailingPassIsLoggedWithItsTickAndTheLoopGoesOn() async {
        let handler = RecordingLogHandler()
        let logger = Logger(label: "outcry.test") { _ in handler }
        let ticks = ManualTickSource()
        for second in [60, 120, 180] { ticks.tick(Timestamp(seconds: Int64(second))) }
        ticks.finish()
        let reported = Mutex<[Int64]>([])
        await ticks.forEachTick(
            logger: logger, failure: "pass failed", metadata: { ["tick": "\($0.seconds)"] },
            pass: { tick in
                if tick.seconds == 120 { throw PassFailed() }
                return tick.seconds
            },
            report: { seconds in reported.withLock { $0.append(seconds) } }
        )
        #expect(reported.withLock { $0 } == [60, 180])
        let records = handler.records.withLock { $0 }
        #expect(records.count == 1)
        #expect(records.first?.message == "pass failed")
        #expect(records.first?.metadata["tick"] == "120")
        #expect(records.first?.metadata["error"] == "receiver down")
    }
}
