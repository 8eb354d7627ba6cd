package import OutcryDetection
package import OutcryModel
import OutcryStore

/// Everything a Downdetector-style page shows for one service: the last 24 hours against the baseline, the
/// current level, incidents, problems and regions. Built once, rendered for the terminal (and later HTML).
package struct ServiceStatusReport: Sendable {
    /// One 15-minute bucket of the chart.
    package struct Bucket: Sendable {
        package var start: Timestamp
        package var reports: Int
        /// Expected reports for that time of day (today's learned profile); nil before any history.
        package var baseline: Double?
    }

    /// A region's current state against its own baseline.
    package struct RegionState: Sendable {
        package var region: Region
        package var level: AlertLevel
        package var observed: Double
        package var baseline: Double
        package var isPossibleFlood: Bool
        /// See ``SeriesStatus/ratio``.
        package var ratio: Double { SeriesStatus.ratio(observed: observed, baseline: baseline) }
    }

    package var service: MonitoredService
    /// The instant the report describes: the detector's last tick.
    package var asOf: Timestamp
    package var status: SeriesStatus?
    package var buckets: [Bucket]
    package var openIncidents: [Incident]
    package var recentIncidents: [Incident]
    /// Problem kinds over the last hour (or 24 hours when the last hour is empty).
    package var topProblems: [ProblemShare]
    /// Regions sorted most affected first.
    package var regions: [RegionState]
    /// What the official status page said at its last read; nil when the service is not linked to one.
    package var official: OfficialServiceStatus? = nil

    package var level: AlertLevel { status?.level ?? .normal }
}

extension Engine {
    /// The status report of `slug` as of the detector's last tick (or now, before any detection ran).
    package func statusReport(for slug: ServiceSlug, detector: Detector) throws(EngineError) -> ServiceStatusReport {
        guard let service = try store({ try $0.service(slug) }) else { throw .store(.unknownService(slug.rawValue)) }
        let asOf = detector.lastTick ?? clock.now().bucketStart(width: 60)
        // 96 buckets of 15 minutes ending with the one that holds `asOf` (partial up to `asOf`, never after it).
        let start = asOf.adding(seconds: -1).bucketStart(width: 900).adding(seconds: -86_400 + 900)
        let counts = try store {
            try $0.bucketCounts(service: slug, region: .global, from: start, to: asOf, width: .fifteenMinutes)
        }
        let key = SeriesKey(service: slug, region: .global)
        let buckets = counts.map { bucket in
            ServiceStatusReport.Bucket(
                start: bucket.start, reports: bucket.counted,
                baseline: detector.expectedReports(for: key, windowEndingAt: bucket.start.adding(seconds: 900))
            )
        }
        // Read once: the last week's incidents hold the open ones (open incidents extend to now).
        let week = try withOfficial(
            try store {
                try $0.incidents(IncidentQuery(service: slug, since: asOf.adding(seconds: -7 * 86_400), until: asOf))
            })
        let open = week.filter { $0.status == .open }
        let recent = week.filter { $0.status == .resolved }
            .sorted { lhs, rhs in
                // Whole-service incidents first, then the most recent.
                lhs.region.isGlobal != rhs.region.isGlobal ? lhs.region.isGlobal : lhs.startedAt > rhs.startedAt
            }
        var problems = try store {
            try $0.problemShares(service: slug, region: .global, from: asOf.adding(seconds: -3600), to: asOf)
        }
        if problems.isEmpty {
            problems = try store { try $0.problemShares(service: slug, region: .global, from: start, to: asOf) }
        }
        let regions = detector.statuses()
            .filter { $0.key.service == slug && !$0.key.region.isGlobal }
            .map {
                ServiceStatusReport.RegionState(
                    region: $0.key.region, level: $0.level, observed: $0.observed, baseline: $0.baseline,
                    isPossibleFlood: $0.isPossibleFlood
                )
            }
            .sorted { lhs, rhs in
                if lhs.level != rhs.level { return lhs.level > rhs.level }
                if lhs.ratio != rhs.ratio { return lhs.ratio > rhs.ratio }
                return lhs.region < rhs.region
            }
        return ServiceStatusReport(
            service: service, asOf: asOf, status: detector.status(of: key), buckets: buckets, openIncidents: open,
            recentIncidents: recent, topProblems: problems, regions: regions, official: try officialStatus(of: slug)
        )
    }

    /// The global status of every service, most troubled first (level, then ratio over baseline).
    package func serviceOverview(detector: Detector) throws(EngineError) -> [(
        service: MonitoredService, status: SeriesStatus?
    )] {
        let services = try store { try $0.services() }
        return services.map { ($0, detector.status(of: SeriesKey(service: $0.slug, region: .global))) }
            .sorted { lhs, rhs in
                let left = lhs.status?.level ?? .normal
                let right = rhs.status?.level ?? .normal
                if left != right { return left > right }
                let leftRatio = lhs.status?.ratio ?? 0
                let rightRatio = rhs.status?.ratio ?? 0
                if leftRatio != rightRatio { return leftRatio > rightRatio }
                return lhs.service.slug < rhs.service.slug
            }
    }
}
