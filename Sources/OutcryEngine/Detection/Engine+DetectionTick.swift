import Logging
package import OutcryDetection
package import OutcryModel
package import OutcryStore

/// Which part a daemon plays in detection.
package enum DetectorRole: String, Sendable, Equatable {
    /// This daemon runs detection and commits the ticks.
    case leader
    /// Another daemon leads; this one serves the detector state the leader committed.
    case follower
}

/// What one scheduled tick did on this daemon.
package struct DetectionTick: Sendable {
    /// Whether this daemon led the tick.
    package var role: DetectorRole
    /// The run, when this daemon led it (empty for a follower).
    package var run: DetectionRun
    /// The detector as committed after the tick (by whoever led it), for the readers.
    package var detector: Detector
    /// The newest committed tick, whoever committed it.
    package var lastCommitted: DetectorTickRecord?
}

extension Engine {
    /// The daemon's scheduled tick: when this daemon holds (or can take) the detector lead, runs
    /// ``detect(upTo:settings:notifications:)``; otherwise, or when another daemon committed these minutes
    /// first, only reads the state the leader committed. On SQLite the one daemon always leads.
    package func detectionTick(
        upTo tick: Timestamp, settings: DetectorSettings = DetectorSettings(),
        notifications: NotificationSettings = NotificationSettings()
    ) throws(EngineError) -> DetectionTick {
        var role = DetectorRole.follower
        var run = DetectionRun()
        if try store({ try $0.tryAcquireDetectorLead() }) {
            do {
                run = try detect(upTo: tick, settings: settings, notifications: notifications)
                role = .leader
            } catch .tickTaken(let minute) {
                logger.info(
                    "another daemon committed this tick first; following",
                    metadata: ["detection.minute": "\(minute)"])
            }
        }
        let detector = try loadDetector(settings: settings)
        let lastCommitted = try store { try $0.lastDetectorTick() }
        return DetectionTick(role: role, run: run, detector: detector, lastCommitted: lastCommitted)
    }

    /// Gives up the detector lead (on shutdown), so another daemon takes over at once.
    package func releaseDetectorLead() {
        do {
            try store { try $0.releaseDetectorLead() }
        } catch {
            logger.warning("could not release the detector lead", metadata: ["error": "\(error)"])
        }
    }
}
