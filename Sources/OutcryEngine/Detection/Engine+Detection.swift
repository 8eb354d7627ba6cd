import Foundation
import Logging
package import OutcryDetection
package import OutcryModel
import OutcryStore

extension Engine {
    /// Minutes of counts loaded and fed to the detector at once: one day keeps memory flat on long replays.
    static let detectionChunkMinutes: Int64 = 1440
    /// How much history before `--from` a replay learns from before it starts deciding.
    package static let replayWarmUpMinutes: Int64 = 28 * 1440

    /// The detector as the last run left it, or a fresh one.
    package func loadDetector(settings: DetectorSettings = DetectorSettings()) throws(EngineError) -> Detector {
        guard let saved = try store({ try $0.loadDetectorState() }) else { return Detector(settings: settings) }
        do {
            var detector = try JSONDecoder().decode(Detector.self, from: Data(saved.body))
            if detector.settings != settings {
                // Settings changed: the learned state no longer matches; start over.
                logger.info("detector settings changed; starting from a fresh state")
                detector = Detector(settings: settings)
            }
            return detector
        } catch {
            logger.warning("saved detector state is unreadable; starting fresh", metadata: ["error": "\(error)"])
            return Detector(settings: settings)
        }
    }

    /// Runs detection up to `tick` (rounded down to the minute), catching up minute by minute from where the
    /// last run stopped, exactly as a live daemon ticking every minute would have; persists the incidents
    /// and the detector's state. `outcry detect` and the daemon's scheduler both call this.
    ///
    /// Incidents that opened, rose a level or resolved are announced: their events go into the notification
    /// outbox in the same transaction (see ``IncidentChange``), except changes of incidents whose resolution was
    /// decided more than ``NotificationSettings/staleAfterSeconds`` before the run's last tick (a catch-up over
    /// old history). Recording them can never make detection fail.
    @discardableResult
    package func detect(
        upTo tick: Timestamp, settings: DetectorSettings = DetectorSettings(),
        notifications: NotificationSettings = NotificationSettings()
    ) throws(EngineError) -> DetectionRun {
        // The committed tick as this run starts: the run commits only if nobody else committed after it.
        let previous = try store { try $0.lastDetectorTick()?.minute }
        var detector = try loadDetector(settings: settings)
        let end = tick.bucketStart(width: 60)
        let start: Int64
        if let last = detector.lastTick {
            start = last.epochMinute
        } else {
            guard let range = try store({ try $0.minuteRange() }) else { return DetectionRun() }
            start = range.lowerBound
        }
        guard end.epochMinute > start else { return DetectionRun() }
        var run = try advance(&detector, fromMinute: start, toMinute: end.epochMinute, keep: { _ in true })
        try persist(
            run: &run, detector: detector, claim: .after(previous), notifications: notifications,
            settings: settings)
        return run
    }

    /// Replays detection over `[from, to]` as a live run would have gone: a fresh detector learns from up to
    /// 28 days of history before `from`, then ticks every minute to `to`. Incidents detected in the range are
    /// replaced, so replaying twice gives the same incidents, never duplicates.
    ///
    /// When live detection has already run past `to`, the replay goes on to where it stands: stopping at `to`
    /// would leave incidents in their state at `to` while the live detector, already past them, would never
    /// update them again. The replay's detector then becomes the live state.
    ///
    /// A replay announces nothing: re-analysing history must not page anyone, and the changes it finds were
    /// (or were not) announced when they happened live.
    @discardableResult
    package func replay(from: Timestamp, to: Timestamp, settings: DetectorSettings = DetectorSettings())
        throws(EngineError) -> DetectionRun
    {
        let fromMinute = from.bucketStart(width: 60).epochMinute
        guard to.bucketStart(width: 60).epochMinute > fromMinute else {
            throw .invalidArgument("--from must be before --to")
        }
        let saved = try store { try $0.loadDetectorState() }
        let toMinute = max(to.bucketStart(width: 60).epochMinute, saved?.lastTick.epochMinute ?? .min)
        guard let range = try store({ try $0.minuteRange() }) else { return DetectionRun() }
        let warmStart = max(range.lowerBound, fromMinute - Self.replayWarmUpMinutes)
        var detector = Detector(settings: settings)
        let fromInstant = Timestamp(seconds: fromMinute * 60)
        // Keep what overlaps the range: incidents still open at `from` or ending after it.
        var run = try advance(&detector, fromMinute: warmStart, toMinute: toMinute) { incident in
            incident.endedAt.map { $0 >= fromInstant } ?? true
        }
        run.ticks = Int(toMinute - max(fromMinute, warmStart))
        try store { database in
            try database.inTransaction {
                try database.deleteDetections(detectedFrom: fromInstant, to: Timestamp(seconds: toMinute * 60))
            }
        }
        try persist(run: &run, detector: detector, claim: .none, notifications: nil, settings: settings)
        return run
    }

    /// Feeds the detector the minutes `[fromMinute, toMinute)` in chunks, with the quiet windows stored now;
    /// collects changed incidents.
    private func advance(
        _ detector: inout Detector, fromMinute: Int64, toMinute: Int64, keep: (Incident) -> Bool
    ) throws(EngineError) -> DetectionRun {
        var run = DetectionRun()
        guard toMinute > fromMinute else { return run }
        let services = try store { try $0.services() }
        let quietWindows = try quietWindows(fromMinute: fromMinute, toMinute: toMinute)
        var incidents: [String: Incident] = [:]
        var events: [String: GroupEvent] = [:]
        var chunkStart = fromMinute
        run.firstTick = Timestamp(seconds: (fromMinute + 1) * 60)
        while chunkStart < toMinute {
            let chunkEnd = min(toMinute, chunkStart + Self.detectionChunkMinutes)
            var counts: [MinuteCount] = []
            try store { database in
                try database.forEachMinuteCount(fromMinute: chunkStart, toMinute: chunkEnd) { row in
                    counts.append(
                        MinuteCount(
                            service: row.service, region: row.region, problem: row.problem, minute: row.minute,
                            counted: row.counted, duplicates: row.duplicates, anonymous: row.anonymous,
                            largestRelay: row.largestRelay
                        )
                    )
                }
            }
            if detector.lastTick == nil {
                // A fresh detector starts at its first count; make it start at the chunk instead.
                _ = detector.tick(at: Timestamp(seconds: chunkStart * 60), counts: [], services: services)
            }
            let outcome = detector.tick(
                at: Timestamp(seconds: chunkEnd * 60), counts: counts, services: services, quietWindows: quietWindows)
            for incident in outcome.changedIncidents where keep(incident) { incidents[incident.id] = incident }
            for event in outcome.changedGroupEvents { events[event.id] = event }
            chunkStart = chunkEnd
        }
        run.lastTick = Timestamp(seconds: toMinute * 60)
        run.ticks = Int(toMinute - fromMinute)
        run.changedIncidents = incidents.values.sorted { $0.id < $1.id }
        run.changedGroupEvents = events.values.sorted { $0.id < $1.id }
        return run
    }

    /// Saves the run's incidents, group events and the detector's state in one transaction; with
    /// `notifications`, first queues the announcements of the changes (the live path only).
    ///
    /// With `claim` `.after` (the live path: the tick committed when the run started), the transaction first claims
    /// the run's minutes (see ``CoordinationStorage/claimDetectorTick(minute:previous:daemon:at:)``): when another
    /// daemon committed them first, nothing is saved and ``EngineError/tickTaken(minute:)`` is thrown.
    private func persist(
        run: inout DetectionRun, detector: Detector, claim: TickClaim,
        notifications: NotificationSettings?, settings: DetectorSettings
    ) throws(EngineError) {
        let state: Data
        do {
            state = try JSONEncoder().encode(detector)
        } catch {
            throw .invalidArgument("cannot encode the detector state: \(error)")
        }
        try store { database in
            try database.inTransaction {
                if case .after(let previous) = claim, let minute = detector.lastTick?.epochMinute,
                    try !database.claimDetectorTick(
                        minute: minute, previous: previous, daemon: self.identity, at: self.clock.now())
                {
                    throw EngineError.tickTaken(minute: minute)
                }
                // Before saving: the changes are found against the incidents' stored states.
                if let notifications {
                    run.queuedNotifications = self.enqueueNotifications(
                        of: run, settings: notifications, detection: settings)
                }
                try database.saveIncidents(run.changedIncidents)
                try database.saveGroupEvents(run.changedGroupEvents)
                if let lastTick = detector.lastTick {
                    try database.saveDetectorState(lastTick: lastTick, body: Array(state))
                }
            }
        }
    }
}

/// Whether a detection run must claim its minutes before saving (see ``Engine/detect(upTo:settings:notifications:)``).
enum TickClaim {
    /// A replay: it replaces what it covers on purpose.
    case none
    /// A live run that started when this tick was the last committed (nil: none was).
    case after(Int64?)
}
