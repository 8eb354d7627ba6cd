package import OutcryModel

/// A service in a simulation: what it is, how many reports it gets on an ordinary day, and what they say.
package struct SimulatedService: Sendable, Equatable {
    package var service: MonitoredService
    /// Expected reports on an ordinary weekday, summed over all regions (weekends get fewer).
    package var reportsPerDay: Double
    /// Relative weights of the problem kinds people report when nothing is wrong; they need not sum to 1.
    /// Kinds the service does not accept are ignored.
    package var problemMix: [ProblemKind: Double]
    /// The first instant with ordinary traffic (a service launched during the scenario); nil means from the
    /// start. Outages add nothing before it; floods and surges are not held back.
    package var activeFrom: Timestamp?

    package init(
        service: MonitoredService, reportsPerDay: Double, problemMix: [ProblemKind: Double],
        activeFrom: Timestamp? = nil
    ) {
        self.service = service
        self.reportsPerDay = reportsPerDay
        self.problemMix = problemMix
        self.activeFrom = activeFrom
    }
}
