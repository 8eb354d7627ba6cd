/// Turns a ``ReportInput`` into a ``Report``, or says which field is wrong and what is allowed.
///
/// This is the one place where reports are validated; the CLI, the importer and the HTTP API all call it.
package struct ReportValidator: Sendable {
    /// Reports more than this far in the future are refused (clock skew allowance).
    package static let maximumFutureSkewSeconds: Int64 = 300
    /// Reports before this instant are refused as absurd (2000-01-01T00:00:00Z).
    package static let earliestAccepted = Timestamp(seconds: 946_684_800)
    /// The longest comment accepted, in characters (what a person sees).
    package static let maximumCommentLength = 280
    /// The longest comment accepted, in UTF-8 bytes (4 KiB: room for 280 emoji with skin tones, 8 bytes each).
    /// Bytes are what the database stores; one character may carry any number of combining marks, so
    /// characters alone do not bound it.
    package static let maximumCommentBytes = 4096
    /// The longest reporter id accepted, in UTF-8 bytes.
    package static let maximumReporterLength = 256
    /// The longest text accepted for the short fields (service, region, problem) before they are parsed, in
    /// UTF-8 bytes: far more than any valid value, so only garbage is refused by it.
    package static let maximumShortFieldBytes = 128

    /// The services reports may name.
    package var services: [ServiceSlug: MonitoredService]
    /// The current time, for refusing reports from the future.
    package var now: Timestamp
    /// The time given to a report without `at`; nil makes `at` required.
    package var defaultTime: Timestamp?
    package var source: ReportSource

    package init(services: [MonitoredService], now: Timestamp, defaultTime: Timestamp?, source: ReportSource) {
        self.services = Dictionary(services.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.now = now
        self.defaultTime = defaultTime
        self.source = source
    }

    /// Validates every field, in the order service, region, problem, at, reporter, comment.
    package func validate(_ input: ReportInput) throws(ReportValidationError) -> Report {
        guard let serviceText = input.service else { throw .missing("service") }
        try Self.checkShortField("service", serviceText)
        let slug = try ServiceSlug.parse(serviceText.trimmingASCIIWhitespace())
        guard let service = services[slug] else {
            throw ReportValidationError(
                field: "service",
                reason: "\(quoted(slug.rawValue)) is not a monitored service; add it with: outcry service add \(slug)"
            )
        }
        guard let regionText = input.region else { throw .missing("region") }
        try Self.checkShortField("region", regionText)
        let region = try Region.parse(regionText)
        try Self.checkShortField("problem", input.problem)
        let problem = try Self.parseProblem(input.problem, for: service)
        let at = try parseTime(input.at)
        var reporter: String? = nil
        if let raw = input.reporter, raw.utf8.count > 4 * Self.maximumReporterLength {
            throw ReportValidationError(
                field: "reporter",
                reason: "is \(raw.utf8.count) bytes long; at most \(Self.maximumReporterLength) bytes are allowed"
            )
        }
        if let given = input.reporter?.trimmingASCIIWhitespace(), !given.isEmpty {
            guard given.utf8.count <= Self.maximumReporterLength else {
                throw ReportValidationError(
                    field: "reporter",
                    reason:
                        "is \(given.utf8.count) bytes long; at most \(Self.maximumReporterLength) bytes are allowed; "
                        + "send an opaque id such as a device id or hash"
                )
            }
            reporter = given
        }
        var comment: String? = nil
        if let given = input.comment, !given.isEmpty {
            // Bytes first: counting characters is linear in the text, and a few characters can be megabytes.
            guard given.utf8.count <= Self.maximumCommentBytes else {
                throw ReportValidationError(
                    field: "comment",
                    reason: "is \(given.utf8.count) bytes long in UTF-8; at most \(Self.maximumCommentBytes) bytes "
                        + "(and \(Self.maximumCommentLength) characters) are allowed"
                )
            }
            guard given.count <= Self.maximumCommentLength else {
                throw ReportValidationError(
                    field: "comment",
                    reason: "has \(given.count) characters; at most \(Self.maximumCommentLength) are allowed"
                )
            }
            guard !given.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw ReportValidationError(field: "comment", reason: "contains a NUL character")
            }
            comment = given
        }
        return Report(
            service: slug, region: region, problem: problem, at: at,
            reporter: reporter, comment: comment, source: source
        )
    }

    /// Refuses a short field's text that is longer than any valid value could be, before parsing it.
    static func checkShortField(_ field: String, _ text: String?) throws(ReportValidationError) {
        guard let text, text.utf8.count > maximumShortFieldBytes else { return }
        throw ReportValidationError(
            field: field,
            reason: "is \(text.utf8.count) bytes long; at most \(maximumShortFieldBytes) bytes are allowed"
        )
    }

    /// Parses a problem kind; a missing or empty problem is `other`.
    package static func parseProblem(_ text: String?, for service: MonitoredService?) throws(ReportValidationError)
        -> ProblemKind
    {
        let trimmed = text?.trimmingASCIIWhitespace().lowercased() ?? ""
        if trimmed.isEmpty { return .other }
        guard let problem = ProblemKind(rawValue: trimmed) else {
            throw ReportValidationError(
                field: "problem",
                reason: "\(quoted(text ?? "")) is not a problem kind; allowed: \(ProblemKind.allowedList)"
            )
        }
        if let service, !service.accepts(problem) {
            let allowed = (service.problems ?? ProblemKind.allCases).map(\.rawValue).joined(separator: ", ")
            throw ReportValidationError(
                field: "problem",
                reason: "\(quoted(problem.rawValue)) is not accepted for \(service.slug); allowed: \(allowed)"
            )
        }
        return problem
    }

    /// Parses and range-checks a report time.
    package func parseTime(_ time: ReportInput.Time?) throws(ReportValidationError) -> Timestamp {
        guard let time else {
            if let defaultTime { return defaultTime }
            throw .missing("at")
        }
        let instant = try Self.parseInstant(time)
        if instant < Self.earliestAccepted {
            throw ReportValidationError(
                field: "at",
                reason:
                    "\(instant.iso8601) is before \(Self.earliestAccepted.iso8601); send the time of the problem in UTC"
            )
        }
        if instant.seconds > now.seconds + Self.maximumFutureSkewSeconds {
            throw ReportValidationError(
                field: "at",
                reason: "\(instant.iso8601) is more than 5 minutes in the future (now \(now.iso8601))"
            )
        }
        return instant
    }

    /// Parses a time without range checks: ISO 8601 text, digits as epoch seconds, or a number.
    package static func parseInstant(_ time: ReportInput.Time) throws(ReportValidationError) -> Timestamp {
        switch time {
        case .epochSeconds(let value):
            guard value.isFinite, abs(value) < 1e12 else {
                throw ReportValidationError(field: "at", reason: "\(value) is not a usable epoch time in seconds")
            }
            return Timestamp(seconds: Int64(value.rounded(.down)))
        case .text(let text):
            let trimmed = text.trimmingASCIIWhitespace()
            if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                guard trimmed.utf8.count <= 12, let seconds = Int64(trimmed) else {
                    throw ReportValidationError(
                        field: "at", reason: "\(quoted(text)) is not a usable epoch time in seconds")
                }
                return Timestamp(seconds: seconds)
            }
            guard let parsed = Timestamp(iso8601: trimmed) else {
                throw ReportValidationError(field: "at", reason: Timestamp.notATimeMessage(text))
            }
            return parsed
        }
    }
}

extension ReportValidationError {
    /// A required field that is absent.
    package static func missing(_ field: String) -> ReportValidationError {
        ReportValidationError(field: field, reason: "is missing")
    }
}
