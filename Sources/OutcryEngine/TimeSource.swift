import Foundation
package import OutcryModel

/// Where the engine gets "now" from. Injected everywhere, so tests and replays never read the wall clock.
///
/// In Outcry, *clock* means this and only this: a stored `TimeSource` is called `clock` (`engine.clock`,
/// `GlobalOptions.clock()`). A time of day written as text is an `hourMinute` (``Timestamp/hourMinute``), and
/// elapsed time is measured on the monotonic `ContinuousClock` (`ContinuousClock.now - started`), never here.
package protocol TimeSource: Sendable {
    func now() -> Timestamp
}

/// The system clock.
package struct SystemTimeSource: TimeSource {
    package init() {}

    package func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}

/// A clock that always says the same instant (tests, `--now`).
package struct FixedTimeSource: TimeSource {
    package var instant: Timestamp

    package init(_ instant: Timestamp) { self.instant = instant }

    package func now() -> Timestamp { instant }
}
