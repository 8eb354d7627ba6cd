package import OutcryModel

/// A flood of reports from one source (a script, a bored user) into one service and region: what abuse
/// protection and duplicate marking are for.
package struct SimulatedFlood: Sendable, Equatable {
    package var service: ServiceSlug
    package var region: Region
    package var start: Timestamp
    package var minutes: Int
    /// Reports per minute; fractions are spread over the minutes.
    package var reportsPerMinute: Double
    /// The reporter id on every flood report; nil sends them anonymously.
    package var reporter: String?
    package var problem: ProblemKind

    package init(
        service: ServiceSlug, region: Region, start: Timestamp, minutes: Int, reportsPerMinute: Double,
        reporter: String?, problem: ProblemKind = .other
    ) {
        self.service = service
        self.region = region
        self.start = start
        self.minutes = minutes
        self.reportsPerMinute = reportsPerMinute
        self.reporter = reporter
        self.problem = problem
    }

    /// Whether the flood sends reports in the minute starting at `minuteStart`.
    func isActive(atMinuteStarting minuteStart: Timestamp) -> Bool {
        minuteStart >= start && minuteStart.seconds < start.seconds + Int64(minutes) * 60
    }
}
