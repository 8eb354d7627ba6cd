package import OutcryModel

/// One minute of stored counts for one (service, region, problem).
package struct MinuteCount: Sendable, Equatable, Codable {
    package var service: ServiceSlug
    /// A real region, never `Region.global`.
    package var region: Region
    package var problem: ProblemKind
    /// Epoch minute (`Timestamp.epochMinute`) of the reports' `at`.
    package var minute: Int64
    /// Reports that count: a reporter's first per service within the cooldown (15 min), plus anonymous ones.
    package var counted: Int
    /// Reports stored but not counted (the same reporter again within the cooldown).
    package var duplicates: Int
    /// Counted reports that had no reporter id (included in `counted`).
    package var anonymous: Int
    /// Counted reports (with a reporter id) of the single relay token that sent the most of them in this row;
    /// 0 without relays. The detector judges a spike without it, so one relay alone never opens an incident.
    package var largestRelay: Int

    package init(
        service: ServiceSlug, region: Region, problem: ProblemKind, minute: Int64, counted: Int, duplicates: Int,
        anonymous: Int, largestRelay: Int = 0
    ) {
        self.service = service
        self.region = region
        self.problem = problem
        self.minute = minute
        self.counted = counted
        self.duplicates = duplicates
        self.anonymous = anonymous
        self.largestRelay = largestRelay
    }

    private enum CodingKeys: String, CodingKey {
        case service, region, problem, minute, counted, duplicates, anonymous, largestRelay
    }

    /// Decodes rows written before relays existed too (no `largestRelay`: 0).
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            service: try c.decode(ServiceSlug.self, forKey: .service),
            region: try c.decode(Region.self, forKey: .region),
            problem: try c.decode(ProblemKind.self, forKey: .problem),
            minute: try c.decode(Int64.self, forKey: .minute),
            counted: try c.decode(Int.self, forKey: .counted), duplicates: try c.decode(Int.self, forKey: .duplicates),
            anonymous: try c.decode(Int.self, forKey: .anonymous),
            largestRelay: try c.decodeIfPresent(Int.self, forKey: .largestRelay) ?? 0)
    }
}
