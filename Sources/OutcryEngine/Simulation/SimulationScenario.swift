package import OutcryModel

/// Everything a ``TrafficSimulator`` needs to generate a few days of reports: services, regions, the daily
/// rhythm, the reporters, and the outages and floods to play out.
package struct SimulationScenario: Sendable, Equatable {
    /// The first simulated minute (rounded down to a whole minute).
    package var start: Timestamp
    package var days: Int
    package var services: [SimulatedService]
    package var regions: [SimulatedRegion]
    package var outages: [SimulatedOutage]
    package var floods: [SimulatedFlood]
    /// Extra reports in absolute numbers (see ``SimulatedSurge``), each surge from its own random stream.
    package var surges: [SimulatedSurge]
    /// How many distinct reporter ids (`dev-…`) people report under; keep it well above the reports of a
    /// busy twenty minutes, or fresh reports start to look like repeats.
    package var reporterPoolSize: Int
    /// Share of (non-flood) reports sent without a reporter id.
    package var anonymousShare: Double
    /// Share of (non-flood) reports that re-send, with the same reporter, service, region and problem, a
    /// report made 20 seconds to 9 minutes earlier; the store marks them as duplicates.
    package var repeatShare: Double
    /// Gamma shape of the per-minute noise: counts have variance `mean + mean² / dispersion`.
    package var dispersion: Double
    /// The daily and weekly rhythm shared by all regions (each in its own local time).
    package var cycle: DailyCycle

    package init(
        start: Timestamp, days: Int, services: [SimulatedService], regions: [SimulatedRegion],
        outages: [SimulatedOutage] = [], floods: [SimulatedFlood] = [], surges: [SimulatedSurge] = [],
        reporterPoolSize: Int = 200_000,
        anonymousShare: Double = 0.15, repeatShare: Double = 0.05, dispersion: Double = 12,
        cycle: DailyCycle = DailyCycle()
    ) {
        self.start = start
        self.days = days
        self.services = services
        self.regions = regions
        self.outages = outages
        self.floods = floods
        self.surges = surges
        self.reporterPoolSize = reporterPoolSize
        self.anonymousShare = anonymousShare
        self.repeatShare = repeatShare
        self.dispersion = dispersion
        self.cycle = cycle
    }

    /// The first instant after the scenario.
    package var end: Timestamp { start.bucketStart(width: 60).adding(minutes: Int64(days) * 1440) }

    /// The expected number of reports the scenario generates (outages, floods and surges included), summed from
    /// the same rates the simulator draws from. Services with an ``SimulatedService/activeFrom`` are counted as
    /// if active throughout.
    package func expectedReportCount() -> Double {
        let firstMinute = start.epochMinute
        let minutes = Int64(days) * 1440
        let totalWeight = regions.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return floodReportCount() }
        var baseline = 0.0
        for region in regions {
            var sum = 0.0
            for minute in firstMinute..<(firstMinute + minutes) {
                sum += cycle.factor(epochMinute: minute, utcOffsetMinutes: region.utcOffsetMinutes)
            }
            let share = region.weight / totalWeight
            baseline += sum * share / 1440
        }
        let perDay = services.reduce(0) { $0 + $1.reportsPerDay }
        var total = perDay * baseline
        let ratesBySlug = Dictionary(
            services.map { ($0.service.slug, $0.reportsPerDay) }, uniquingKeysWith: { a, _ in a })
        for outage in outages {
            let outageStart = max(outage.start.epochMinute, firstMinute)
            let outageEnd = min(outage.end.epochMinute + 1, firstMinute + minutes)
            guard outageStart < outageEnd else { continue }
            for region in regions where outage.affects(region.region) {
                let share = region.weight / totalWeight
                for minute in outageStart..<outageEnd {
                    let strength = outage.strength(atMinuteStarting: Timestamp(seconds: minute * 60))
                    guard strength > 0 else { continue }
                    let normal =
                        cycle.factor(epochMinute: minute, utcOffsetMinutes: region.utcOffsetMinutes) * share / 1440
                    for (slug, multiplier) in outage.services {
                        total += (ratesBySlug[slug] ?? 0) * normal * (multiplier - 1) * strength
                    }
                }
            }
        }
        return total + floodReportCount() + surgeReportCount()
    }

    /// The expected number of surge reports, repeats included (surges are taken to lie inside the scenario).
    private func surgeReportCount() -> Double {
        let signed = 1 - repeatShare - anonymousShare
        let repeatsPerSigned = signed > 0 ? repeatShare / signed : 0
        return surges.reduce(0) { $0 + Double(max(0, $1.reports)) * (1 + repeatsPerSigned) }
    }

    /// The expected number of flood reports inside the scenario.
    private func floodReportCount() -> Double {
        floods.reduce(0) { sum, flood in
            // Minutes whose start lies in both the flood and the scenario.
            let first = -floorDiv(-max(flood.start.seconds, start.bucketStart(width: 60).seconds), 60)
            let last = -floorDiv(-min(flood.start.seconds + Int64(flood.minutes) * 60, end.seconds), 60)
            return sum + Double(max(0, last - first)) * flood.reportsPerMinute
        }
    }
}
