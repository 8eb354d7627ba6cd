package import OutcryModel

/// A known number of extra reports from distinct people, spread over a while with a ramp: what an outage adds
/// on top of a service's ordinary traffic, in absolute numbers rather than as a multiple (``SimulatedOutage``).
///
/// The `reports` fresh reports are placed in minutes with probability proportional to the strength curve of
/// ``SimulatedOutage`` (ramp, full, recovery) times the daily cycle of the surge's regions (people notice an
/// outage when they use the service), so the total is exact and the per-minute counts vary like real ones. Every fresh report has its own reporter id, none shared with ordinary traffic; some are re-sent a few
/// minutes later like ordinary reports (the store marks those as duplicates). Surges draw from their own
/// random streams, so adding one leaves the rest of a scenario's reports unchanged.
package struct SimulatedSurge: Sendable, Equatable {
    package var service: ServiceSlug
    /// The regions the extra reports come from, in proportion to their weights in the scenario (a region the
    /// scenario lacks weighs 1); nil means every region of the scenario.
    package var regions: [Region]?
    package var start: Timestamp
    package var rampMinutes: Int
    package var fullMinutes: Int
    package var recoveryMinutes: Int
    /// Fresh extra reports, each from its own reporter (repeats come on top).
    package var reports: Int
    /// Relative weights of the problem kinds in the extra reports.
    package var problemMix: [ProblemKind: Double]

    package init(
        service: ServiceSlug, regions: [Region]? = nil, start: Timestamp, rampMinutes: Int, fullMinutes: Int,
        recoveryMinutes: Int, reports: Int, problemMix: [ProblemKind: Double]
    ) {
        self.service = service
        self.regions = regions
        self.start = start
        self.rampMinutes = rampMinutes
        self.fullMinutes = fullMinutes
        self.recoveryMinutes = recoveryMinutes
        self.reports = reports
        self.problemMix = problemMix
    }

    /// The same ramp, full and recovery as an outage, for its strength curve.
    var shape: SimulatedOutage {
        SimulatedOutage(
            services: [:], regions: regions, start: start, rampMinutes: max(0, rampMinutes),
            fullMinutes: max(0, fullMinutes), recoveryMinutes: max(0, recoveryMinutes), problemMix: problemMix
        )
    }

    /// The first minute after the surge.
    package var end: Timestamp { shape.end }
}
