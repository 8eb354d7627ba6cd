package import OutcryModel

/// One minute of stored counts for one (service, region, problem).
package struct MinuteCount: Sendable, Equatable, Codable {
    package var service: ServiceSlug
    /// A real region, never ``Region/global``.
    package var region: Region
    package var problem: ProblemKind
    /// Epoch minute (``Timestamp/epochMinute``) of the reports' `at`.
    package var minute: Int64
    /// Reports that count: a reporter's first per service within the cooldown (15 min), plus anonymous ones.
    package var counted: Int
    /// Reports stored but not counted (the same reporter again within the cooldown).
    package var duplicates: Int
    /// Counted reports that had no reporter id (included in `counted`).
    package var anonymous: Int

    package init(
        service: ServiceSlug, region: Region, problem: ProblemKind, minute: Int64, counted: Int, duplicates: Int,
        anonymous: Int
    ) {
        self.service = service
        self.region = region
        self.problem = problem
        self.minute = minute
        self.counted = counted
        self.duplicates = duplicates
        self.anonymous = anonymous
    }
}
