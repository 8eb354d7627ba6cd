import OutcryModel

/// An outage resolved against a scenario's service and region lists, for quick lookups each minute.
struct OutagePlan: Sendable {
    let outage: SimulatedOutage
    /// Volume multiplier per service index (1 when unaffected).
    let multipliers: [Double]
    /// Problem sampler per service index; nil when the service is unaffected.
    let samplers: [ProblemSampler?]
    /// Whether each region index is affected.
    let regionMask: [Bool]

    init(outage: SimulatedOutage, scenario: SimulationScenario) {
        self.outage = outage
        multipliers = scenario.services.map { outage.services[$0.service.slug] ?? 1 }
        samplers = scenario.services.map { simulated in
            guard let multiplier = outage.services[simulated.service.slug], multiplier > 1 else { return nil }
            return ProblemSampler(mix: outage.problemMix, for: simulated.service)
        }
        regionMask = scenario.regions.map { outage.affects($0.region) }
    }
}
