package import OutcryModel

/// One generated report, with the fields a client would send.
package struct SimulatedReport: Sendable, Equatable {
    package var service: ServiceSlug
    package var region: Region
    package var problem: ProblemKind
    package var at: Timestamp
    /// The reporter id; nil for an anonymous report.
    package var reporter: String?

    package init(service: ServiceSlug, region: Region, problem: ProblemKind, at: Timestamp, reporter: String?) {
        self.service = service
        self.region = region
        self.problem = problem
        self.at = at
        self.reporter = reporter
    }

    /// The report as an entry path receives it, ready for ``ReportValidator/validate(_:)``.
    package var input: ReportInput {
        ReportInput(
            service: service.rawValue, region: region.code, problem: problem.rawValue,
            at: .text(at.iso8601), reporter: reporter
        )
    }
}
