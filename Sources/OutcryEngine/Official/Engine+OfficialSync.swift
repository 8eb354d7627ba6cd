import Logging
package import OutcryModel
import OutcryStore

extension Engine {
    /// The official sources due for a read at `now` (never read, or their next attempt has come).
    ///
    /// The daemon's poller calls this on the writer's thread, fetches with a ``StatusPageFetcher`` off it,
    /// then hands each outcome to ``recordOfficialFetch(service:outcome:settings:)``: the network wait never
    /// holds the SQLite connection.
    package func dueOfficialSources(now: Timestamp) throws(EngineError) -> [OfficialSource] {
        try officialSources().filter { $0.isDue(at: now) }
    }

    /// Records one read of `service`'s official source.
    ///
    /// A snapshot is stored (incidents upserted, component changes appended) and the next read is due after
    /// ``OfficialPollSettings/intervalSeconds``. A failure is logged and recorded with one more consecutive
    /// failure; the next attempt backs off (``OfficialPollSettings/retryDelaySeconds(afterFailures:)``) and
    /// everything stored before is kept.
    /// - Throws: when the service has no official source (it was removed while the read ran) or the store fails.
    @discardableResult
    package func recordOfficialFetch(
        service: ServiceSlug, outcome: OfficialFetchOutcome, settings: OfficialPollSettings = OfficialPollSettings()
    ) throws(EngineError) -> OfficialSyncResult {
        guard let source = try store({ try $0.officialSource(service: service) }) else {
            throw .invalidArgument("service \(service) has no official status source; see: outcry official list")
        }
        let now = clock.now()
        switch outcome {
        case .snapshot(let snapshot):
            let next = now.adding(seconds: settings.intervalSeconds)
            let record = try store {
                try $0.recordOfficialSnapshot(snapshot, service: service, at: now, nextAttemptAt: next)
            }
            guard let record else {
                throw .invalidArgument("service \(service) has no official status source; see: outcry official list")
            }
            if snapshot.listsActiveIncidentsOnly {
                try closeVanishedIncidents(of: service, snapshot: snapshot, now: now, next: next)
            }
            var windows = QuietWindowSyncRecord()
            if let listed = OfficialQuietWindows.windows(from: snapshot, source: source, now: now) {
                windows = try store { try $0.syncOfficialQuietWindows(service: service, windows: listed, now: now) }
            }
            logger.debug(
                "official status read",
                metadata: [
                    "official.service": "\(service)", "official.incidents": "\(record.incidents)",
                    "official.new_incidents": "\(record.newIncidents)",
                    "official.component_changes": "\(record.componentChanges)",
                    "official.quiet_windows_added": "\(windows.added)",
                    "official.quiet_windows_updated": "\(windows.updated)",
                    "official.quiet_windows_removed": "\(windows.removed)",
                ]
            )
            if let first = snapshot.problems.first {
                logger.info(
                    "official status page entries skipped; the rest of the page was stored",
                    metadata: [
                        "official.service": "\(service)", "official.skipped": "\(snapshot.problemCount)",
                        "error": "\(first)",
                    ]
                )
            }
            return OfficialSyncResult(
                service: service, location: source.location, outcome: .stored(record), nextAttemptAt: next,
                skipped: snapshot.problems.map(\.description), skippedCount: snapshot.problemCount,
                quietWindows: windows
            )
        case .failure(let error):
            let failures = source.consecutiveFailures == .max ? .max : max(0, source.consecutiveFailures) + 1
            let next = now.adding(seconds: settings.retryDelaySeconds(afterFailures: failures))
            let reason = error.description
            _ = try store {
                try $0.recordOfficialFailure(service: service, error: reason, at: now, nextAttemptAt: next)
            }
            logger.info(
                "official status read failed; keeping what was stored and retrying later",
                metadata: [
                    "official.service": "\(service)", "official.location": "\(source.location)", "error": "\(reason)",
                    "official.failures": "\(failures)", "official.next_attempt": "\(next)",
                ]
            )
            return OfficialSyncResult(
                service: service, location: source.location,
                outcome: .failed(reason: reason, consecutiveFailures: failures), nextAttemptAt: next
            )
        }
    }

    /// For a document that lists only ongoing incidents: the stored open incidents it no longer lists ended by
    /// `now` (the read that no longer saw them); they are stored again as resolved then.
    private func closeVanishedIncidents(
        of service: ServiceSlug, snapshot: OfficialSnapshot, now: Timestamp, next: Timestamp
    ) throws(EngineError) {
        let listed = Set(snapshot.incidents.map(\.id))
        let vanished = try officialIncidents(of: service).filter { !$0.isFinished && !listed.contains($0.id) }
        guard !vanished.isEmpty else { return }
        let closed = vanished.map { incident in
            var copy = incident
            copy.status = "resolved"
            copy.resolvedAt = max(now, incident.createdAt)
            copy.updatedAt = copy.resolvedAt
            return copy
        }
        _ = try store {
            try $0.recordOfficialSnapshot(
                OfficialSnapshot(incidents: closed), service: service, at: now, nextAttemptAt: next)
        }
    }

    /// Reads official sources now and records each outcome: the due ones (`dueOnly`, the daemon's way) or
    /// all of them (`outcry official sync`), optionally only those of `services`. Reads run concurrently;
    /// the results come back in service order, and newly acknowledged crowd incidents are queued for
    /// notification (``recordOfficialFetches(_:settings:)``).
    /// - Throws: when a service in `services` has no official source, or the store fails.
    package func syncOfficialSources(
        fetcher: StatusPageFetcher, services: [ServiceSlug]? = nil, dueOnly: Bool = false,
        settings: OfficialPollSettings = OfficialPollSettings()
    ) async throws(EngineError) -> [OfficialSyncResult] {
        var sources = dueOnly ? try dueOfficialSources(now: clock.now()) : try officialSources()
        if let services {
            let all = try officialSources()
            for service in services where !all.contains(where: { $0.service == service }) {
                throw .invalidArgument(
                    "service \(service) has no official status source; add one with: "
                        + "outcry official add \(service) --statuspage URL_OR_FILE"
                )
            }
            sources = sources.filter { services.contains($0.service) }
        }
        let toRead = sources
        let outcomes = await fetcher.fetch(toRead)
        return try recordOfficialFetches(
            zip(toRead, outcomes).map { (service: $0.service, outcome: $1) }, settings: settings
        )
    }
}
