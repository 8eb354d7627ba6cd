/// The share of one problem kind among an incident's reports.
package struct ProblemShare: Sendable, Equatable {
    package var problem: ProblemKind
    /// 0…1.
    package var share: Double

    package init(problem: ProblemKind, share: Double) {
        self.problem = problem
        self.share = share
    }
}
