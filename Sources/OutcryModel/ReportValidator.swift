/// Turns a ``ReportInput`` into a ``Report``, or says which field is wrong and what is allowed.
///
/// This is the one place where reports are validated; the CLI, the importer and the HTTP API all call it.
package struct ReportValidator: Sendable {
    /// Reports more than this far in the future are refused (clock skew allowance).
    package static let maximumFutureSkewSeconds: Int64 = 300
    /// Reports before this instant are refused as absurd (2000-01-01T00:00:00Z).
    package static let earliestAccepted = Timestamp(seconds: 946_684_800)
    /// The longest comment accepted, in characters.
    package static let maximumCommentLength = 280
    /// The longest reporter id accepted, in UTF-8 bytes.
    package static let maximumReporterLength = 256

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
        let slug = try ServiceSlug.parse(serviceText.trimmingASCIIWhitespace())
        guard let service = services[slug] else {
            throw ReportValidationError(
                field: "service",
                reason: "\(quoted(slug.rawValue)) is not a monitored service; add it with: outcry service add \(slug)"
            )
        }
        guard let regionText = input.region else { throw .missing("region") }
        let region = try Region.parse(regionText)
        let problem = try Self.parseProblem(input.problem, for: service)
        let at = try parseTime(input.at)
        var reporter: String? = nil
        if let given = input.reporter?.trimmingASCIIWhitespace(), !given.isEmpty {
            guard given.utf8.count <= Self.maximumReporterLength else {
                throw ReportValidationError(
                    field: "reporter",
                    reason: "is longer than \(Self.maximumReporterLength) bytes; send an opaque id such as a device id or hash"
                )
            }
            reporter = given
        }
        var comment: String? = nil
        if let given = input.comment, !given.isEmpty {
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
                reason: "\(instant.iso8601) is before \(Self.earliestAccepted.iso8601); send the time of the problem in UTC"
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
                    throw ReportValidationError(field: "at", reason: "\(quoted(text)) is not a usable epoch time in seconds")
                }
                return Timestamp(seconds: seconds)
            }
            guard let parsed = Timestamp(iso8601: trimmed) else {
                throw ReportValidationError(
                    field: "at",
                    reason: "\(quoted(text)) is not a time; use ISO 8601 such as 2024-03-05T15:12:03Z, or epoch seconds"
                )
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
