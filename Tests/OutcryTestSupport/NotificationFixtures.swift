import OutcryEngine
package import OutcryModel
import Synchronization

/// A clock the test moves by hand (retry schedules without sleeping).
package final class ManualTimeSource: TimeSource {
    private let instant: Mutex<Timestamp>

    package init(_ instant: Timestamp) { self.instant = Mutex(instant) }

    package func now() -> Timestamp { instant.withLock { $0 } }

    package func advance(seconds: Int64) { instant.withLock { $0 = $0.adding(seconds: seconds) } }
}

extension Incident {
    /// An incident fixture: a likely, global WhatsApp incident detected at 15:05 on the outage afternoon; open
    /// unless `endedAt` is given.
    package static func fixture(
        service: String = "whatsapp", region: String = "global", level: AlertLevel = .likely,
        detectedAt: Timestamp = Instants.outageAfternoon.adding(minutes: 5), endedAt: Timestamp? = nil,
        official: OfficialAcknowledgement? = nil
    ) -> Incident {
        let startedAt = detectedAt.adding(minutes: -5)
        var incident = Incident(
            id: "\(service)/\(region)/\(startedAt.epochMinute)", service: ServiceSlug(rawValue: service)!,
            region: try! Region.parseAllowingGlobal(region), status: endedAt == nil ? .open : .resolved, level: level,
            detectedAt: detectedAt, startedAt: startedAt, peakAt: detectedAt.adding(minutes: 10), endedAt: endedAt,
            peakReports: 400, baselineReports: 30, totalReports: 2000, excessReports: 1700,
            scope: region == "global" ? .global : .regional, regions: [try! Region.parse("US")],
            topProblems: [ProblemShare(problem: .login, share: 0.8)], problemMixShift: 0.4,
            summary: "Unofficial: user reports indicate problems with \(service).",
            evidence: IncidentEvidence(
                baseline: 30, observed: 400, statistic: 20, ratio: 13.3, reporters: 300, possibleThreshold: 3,
                likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: true
            )
        )
        incident.official = official
        return incident
    }
}
