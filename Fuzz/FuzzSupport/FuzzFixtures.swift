package import OutcryModel

/// The services, clock and validators the fuzz targets check decoded reports against, as production does.
package enum FuzzFixtures {
    /// A fixed "now" (2024-03-05T15:12:03Z): fuzzing never reads the wall clock.
    package static let now = Timestamp(seconds: 1_709_651_523)

    /// A few services, one with a restricted list of problem kinds.
    package static let services: [MonitoredService] = [
        MonitoredService(slug: ServiceSlug(rawValue: "whatsapp")!, name: "WhatsApp", group: "meta"),
        MonitoredService(slug: ServiceSlug(rawValue: "instagram")!, name: "Instagram", group: "meta"),
        MonitoredService(slug: ServiceSlug(rawValue: "github")!, problems: [.login, .website]),
    ]

    /// The validator of `POST /v1/reports`: a report without `at` gets the time it was received.
    package static let httpValidator = ReportValidator(services: services, now: now, defaultTime: now, source: .http)

    /// The validator of `outcry import`: every report must carry its time.
    package static let importValidator = ReportValidator(services: services, now: now, defaultTime: nil, source: .import)

    /// Validates `input` and checks the outcome: a report of a known service, or an error naming a field.
    package static func validate(_ input: ReportInput, with validator: ReportValidator) {
        do {
            let report = try validator.validate(input)
            fuzzExpect(validator.services[report.service] != nil, "accepted an unknown service \(report.service)")
            fuzzExpect(report.at >= ReportValidator.earliestAccepted, "accepted a time before 2000: \(report.at)")
            fuzzExpect(
                report.at.seconds <= now.seconds + ReportValidator.maximumFutureSkewSeconds,
                "accepted a time in the future: \(report.at)")
        } catch {
            expectClear(error)
        }
    }

    /// Whether `Timestamp.iso8601` can format `time`: always, since the fix below. It once could not:
    /// `CivilTime.init` computes `days * 86_400`, which overflows in the first day of the Int64 range, as for a
    /// status page's `"created_at": -9223372036854775808`. The targets skip formatting such times so fuzzing
    /// went on past that understood crash. A hook for the next such crash.
    package static func isFormattable(_ time: Timestamp) -> Bool {
        true  // CivilTime used to trap in the first day of the Int64 range (fixed; kept as the hook).
    }

    /// An error must name a field and say something about it.
    package static func expectClear(_ error: ReportValidationError) {
        fuzzExpect(!error.field.isEmpty, "an error without a field: \(error)")
        fuzzExpect(!error.reason.isEmpty, "an error without a reason for \(error.field)")
        _ = error.description
    }
}
