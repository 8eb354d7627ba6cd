package import OutcryDetection
package import OutcryEngine
package import OutcryModel
package import OutcryStore
import Synchronization

/// The detector as the last tick left it, shared with the readers for current levels, and when that tick
/// completed (for `/readyz`).
package final class LatestDetector: Sendable {
    private struct State {
        var detector: Detector
        /// When the last tick finished, by the daemon's clock; nil before the first.
        var lastTickCompletedAt: Timestamp?
        /// Whether this daemon led the last tick (SQLite: always).
        var role = DetectorRole.leader
        /// The newest tick committed by any daemon, as of the last tick.
        var lastCommitted: DetectorTickRecord?
    }

    private let state: Mutex<State>

    package init(_ detector: Detector) {
        state = Mutex(State(detector: detector))
    }

    package var detector: Detector { state.withLock { $0.detector } }
    package var lastTickCompletedAt: Timestamp? { state.withLock { $0.lastTickCompletedAt } }
    /// Whether this daemon led the last tick; the leader-only services (the status-page poller) ask it.
    package var role: DetectorRole { state.withLock { $0.role } }
    /// The newest tick committed by any daemon, as of the last tick.
    package var lastCommitted: DetectorTickRecord? { state.withLock { $0.lastCommitted } }

    package func update(
        _ detector: Detector, completedAt: Timestamp, role: DetectorRole = .leader,
        lastCommitted: DetectorTickRecord? = nil
    ) {
        state.withLock {
            $0.detector = detector
            $0.lastTickCompletedAt = completedAt
            $0.role = role
            $0.lastCommitted = lastCommitted
        }
    }
}
