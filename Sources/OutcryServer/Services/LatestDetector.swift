package import OutcryDetection
package import OutcryModel
import Synchronization

/// The detector as the last tick left it, shared with the readers for current levels, and when that tick
/// completed (for `/readyz`).
package final class LatestDetector: Sendable {
    private struct State {
        var detector: Detector
        /// When the last tick finished, by the daemon's clock; nil before the first.
        var lastTickCompletedAt: Timestamp?
    }

    private let state: Mutex<State>

    package init(_ detector: Detector) {
        state = Mutex(State(detector: detector))
    }

    package var detector: Detector { state.withLock { $0.detector } }
    package var lastTickCompletedAt: Timestamp? { state.withLock { $0.lastTickCompletedAt } }

    package func update(_ detector: Detector, completedAt: Timestamp) {
        state.withLock {
            $0.detector = detector
            $0.lastTickCompletedAt = completedAt
        }
    }
}
