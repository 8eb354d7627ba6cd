/// One validated problem report: someone says `service` has a `problem` in `region` at `at`.
package struct Report: Sendable, Equatable {
    package var service: ServiceSlug
    package var region: Region
    package var problem: ProblemKind
    package var at: Timestamp
    /// The reporter's opaque id as given (device id, account hash, client address); nil when anonymous.
    /// The store keeps only a keyed hash of it, never this text.
    package var reporter: String?
    package var comment: String?
    package var source: ReportSource
    /// The API token id of the relay that vouched for the reporter (HTTP reports only); nil otherwise. The
    /// store keeps per-relay counts so the detector can judge a spike without its largest single source.
    package var relay: Int64? = nil

    package init(
        service: ServiceSlug, region: Region, problem: ProblemKind, at: Timestamp,
        reporter: String? = nil, comment: String? = nil, source: ReportSource
    ) {
        self.service = service
        self.region = region
        self.problem = problem
        self.at = at
        self.reporter = reporter
        self.comment = comment
        self.source = source
    }
}

/// A report's fields as they arrived, before validation: every entry path fills one of these.
package struct ReportInput: Sendable, Equatable {
    /// A time as given: text (ISO 8601, or digits meaning epoch seconds) or a JSON number of epoch seconds.
    package enum Time: Sendable, Equatable {
        case text(String)
        case epochSeconds(Double)
    }

    package var service: String?
    package var region: String?
    package var problem: String?
    package var at: Time?
    package var reporter: String?
    package var comment: String?

    package init(
        service: String? = nil, region: String? = nil, problem: String? = nil, at: Time? = nil,
        reporter: String? = nil, comment: String? = nil
    ) {
        self.service = service
        self.region = region
        self.problem = problem
        self.at = at
        self.reporter = reporter
        self.comment = comment
    }
}
