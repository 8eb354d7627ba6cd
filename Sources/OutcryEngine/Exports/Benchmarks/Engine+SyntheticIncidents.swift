import OutcryModel
import OutcryStore

extension Engine {
    /// Registers `services` synthetic services (`svc0001`…, 20 per group) and stores a year of synthetic
    /// incidents for them, starting at `year`-01-01 (for `Scripts/bench-export.sh`). Deterministic per `seed`.
    ///
    /// 6 to 18 outages per service (a busy year for a popular service): a whole-service incident of 10 minutes
    /// to 5 hours, with none, one or two regional incidents inside it. Returns the number of incidents stored.
    package func seedSyntheticIncidents(services count: Int, year: Int64, seed: UInt64) throws(EngineError) -> Int {
        var random = SplitMix64(seed: seed)
        let start = CivilTime(year: year, month: 1, day: 1).timestamp
        let yearSeconds = CivilTime(year: year + 1, month: 1, day: 1).timestamp.seconds - start.seconds
        let regions = ["US", "DE", "BR", "IN", "JP", "GB", "FR"].compactMap { try? Region.parse($0) }
        var stored = 0
        for index in 1...max(1, count) {
            let digits = String(index)
            let slugText = "svc" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            guard let slug = ServiceSlug(rawValue: slugText) else { continue }
            let service = MonitoredService(slug: slug, name: "Service \(index)", group: "group\((index - 1) / 20 + 1)")
            var incidents: [Incident] = []
            for _ in 0..<(6 + random.nextInt(below: 13)) {
                let onset = start.adding(seconds: Int64(random.nextUnit() * Double(yearSeconds - 86_400)) / 60 * 60)
                let minutes = Int64(10 + random.nextInt(below: 290))
                incidents.append(
                    Self.syntheticIncident(
                        service: service, region: .global, regions: Array(regions.prefix(1 + random.nextInt(below: 4))),
                        onset: onset, minutes: minutes, random: &random
                    )
                )
                for region in regions.prefix(random.nextInt(below: 3)) {
                    incidents.append(
                        Self.syntheticIncident(
                            service: service, region: region, regions: [region], onset: onset.adding(minutes: 2),
                            minutes: max(5, minutes - 10), random: &random
                        )
                    )
                }
            }
            try store { database in
                _ = try database.addService(service, now: start)
                try database.inTransaction { try database.saveIncidents(incidents) }
            }
            stored += incidents.count
        }
        return stored
    }

    private static func syntheticIncident(
        service: MonitoredService, region: Region, regions: [Region], onset: Timestamp, minutes: Int64,
        random: inout SplitMix64
    ) -> Incident {
        let baseline = 5 + random.nextUnit() * 100
        let peak = Int(baseline * (3 + random.nextUnit() * 40))
        let end = onset.adding(minutes: minutes)
        let login = 0.4 + random.nextUnit() * 0.5
        return Incident(
            id: "\(service.slug)/\(region)/\(onset.seconds / 60)", service: service.slug, region: region,
            status: .resolved, level: .likely, detectedAt: onset.adding(minutes: 4), startedAt: onset,
            peakAt: onset.adding(minutes: minutes / 3), endedAt: end, peakReports: peak, baselineReports: baseline,
            totalReports: peak * Int(max(1, minutes / 15)),
            excessReports: (peak - Int(baseline)) * Int(max(1, minutes / 15)),
            scope: region.isGlobal ? (regions.count > 1 ? .multiRegion : .regional) : .regional, regions: regions,
            topProblems: [ProblemShare(problem: .login, share: login), ProblemShare(problem: .app, share: 1 - login)],
            problemMixShift: random.nextUnit(),
            summary: "Unofficial: user reports indicated problems with \(service.name) (synthetic benchmark incident).",
            evidence: IncidentEvidence(
                baseline: baseline, observed: Double(peak), statistic: 15, ratio: Double(peak) / baseline,
                reporters: 100,
                possibleThreshold: 3, likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: true
            )
        )
    }
}
