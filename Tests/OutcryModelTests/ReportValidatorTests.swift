import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportValidatorTests {
    static let now = Timestamp(seconds: 1_709_651_523)  // 2024-03-05T15:12:03Z
    static let services = [
        MonitoredService(slug: slug("whatsapp"), name: "WhatsApp", group: "meta"),
        MonitoredService(slug: slug("aws-s3"), problems: [.website, .connection]),
    ]

    static func slug(_ text: String) -> ServiceSlug {
        guard let slug = ServiceSlug(rawValue: text) else { preconditionFailure("not a slug: \(text)") }
        return slug
    }

    func validator(defaultTime: Timestamp? = nil, source: ReportSource = .import) -> ReportValidator {
        ReportValidator(services: Self.services, now: Self.now, defaultTime: defaultTime, source: source)
    }

    func input(
        service: String? = "whatsapp", region: String? = "US", problem: String? = "login",
        at: ReportInput.Time? = .text("2024-03-05T15:00:00Z"), reporter: String? = "device-123", comment: String? = nil
    ) -> ReportInput {
        ReportInput(service: service, region: region, problem: problem, at: at, reporter: reporter, comment: comment)
    }

    func error(_ input: ReportInput, defaultTime: Timestamp? = nil) -> ReportValidationError? {
        do {
            _ = try validator(defaultTime: defaultTime).validate(input)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsATypicalReport() throws {
        let report = try validator(source: .http).validate(
            input(service: " whatsapp ", region: "us-ca", problem: "LOGIN"))
        #expect(report.service.rawValue == "whatsapp")
        #expect(report.region.code == "US-CA")
        #expect(report.problem == .login)
        #expect(report.at.iso8601 == "2024-03-05T15:00:00Z")
        #expect(report.reporter == "device-123")
        #expect(report.comment == nil)
        #expect(report.source == .http)
    }

    @Test func refusesUnknownServicesWithAHint() {
        let error = error(input(service: "myspace"))
        #expect(error?.field == "service")
        #expect(error?.reason.contains("outcry service add myspace") == true)
        #expect(self.error(input(service: nil)) == ReportValidationError(field: "service", reason: "is missing"))
        #expect(self.error(input(service: "Not A Slug"))?.field == "service")
    }

    @Test func refusesMissingOrInvalidRegions() {
        #expect(error(input(region: nil)) == ReportValidationError(field: "region", reason: "is missing"))
        #expect(error(input(region: "XX"))?.description == "region \"XX\" is not an ISO 3166-1 code")
        #expect(error(input(region: "global"))?.field == "region")
    }

    @Test func refusesUnknownProblemsListingTheAllowedOnes() {
        let error = error(input(problem: "slowness"))
        #expect(error?.field == "problem")
        #expect(error?.reason.contains(ProblemKind.allCases.map(\.rawValue).joined(separator: ", ")) == true)
    }

    @Test func treatsMissingProblemsAsOther() throws {
        #expect(try validator().validate(input(problem: nil)).problem == .other)
        #expect(try validator().validate(input(problem: "  ")).problem == .other)
    }

    @Test func refusesProblemsTheServiceDoesNotAccept() throws {
        let error = error(input(service: "aws-s3", problem: "login"))
        #expect(error?.field == "problem")
        #expect(error?.reason == "\"login\" is not accepted for aws-s3; allowed: website, connection")
        #expect(try validator().validate(input(service: "aws-s3", problem: "website")).problem == .website)
    }

    @Test(arguments: [(0, true), (299, true), (300, true), (301, false), (86_400, false)] as [(Int64, Bool)])
    func refusesTimesMoreThanFiveMinutesAhead(_ ahead: Int64, _ accepted: Bool) {
        let at = Self.now.adding(seconds: ahead)
        let error = error(input(at: .text(at.iso8601)))
        #expect((error == nil) == accepted)
        if let error {
            #expect(error.field == "at")
            #expect(error.reason.contains("more than 5 minutes in the future"))
        }
    }

    @Test func refusesTimesBefore2000() {
        #expect(error(input(at: .text("2000-01-01T00:00:00Z"))) == nil)
        let error = error(input(at: .text("1999-12-31T23:59:59Z")))
        #expect(error?.field == "at")
        #expect(error?.reason.contains("before 2000-01-01T00:00:00Z") == true)
        #expect(self.error(input(at: .epochSeconds(0)))?.field == "at")
    }

    @Test func usesTheDefaultTimeOnlyWhenAtIsMissing() throws {
        #expect(error(input(at: nil)) == ReportValidationError(field: "at", reason: "is missing"))
        let defaulted = try validator(defaultTime: Self.now).validate(input(at: nil))
        #expect(defaulted.at == Self.now)
        let given = try validator(defaultTime: Self.now).validate(input(at: .text("2024-03-01T00:00:00Z")))
        #expect(given.at.iso8601 == "2024-03-01T00:00:00Z")
    }

    @Test func acceptsEpochSecondsAsTextOrNumber() throws {
        #expect(try validator().validate(input(at: .text("1709651000"))).at.seconds == 1_709_651_000)
        #expect(try validator().validate(input(at: .text(" 1709651000 "))).at.seconds == 1_709_651_000)
        #expect(try validator().validate(input(at: .epochSeconds(1_709_651_000.9))).at.seconds == 1_709_651_000)
        for bad in [
            ReportInput.Time.epochSeconds(.nan), .epochSeconds(.infinity), .epochSeconds(1e13), .text("9999999999999"),
        ] {
            #expect(error(input(at: bad))?.field == "at")
        }
        #expect(error(input(at: .text("yesterday")))?.reason.contains("ISO 8601") == true)
    }

    @Test func limitsCommentsTo280Characters() throws {
        // Emoji with a skin tone is one character of several scalars: count characters, not bytes.
        let emoji = "👍🏽"
        let longest = String(repeating: emoji, count: 280)
        #expect(try validator().validate(input(comment: longest)).comment == longest)
        let error = error(input(comment: longest + "!"))
        #expect(error == ReportValidationError(field: "comment", reason: "has 281 characters; at most 280 are allowed"))
        #expect(try validator().validate(input(comment: "")).comment == nil)
        #expect(self.error(input(comment: "a\u{0}b"))?.field == "comment")
    }

    @Test func trimsReportersAndTreatsEmptyAsAnonymous() throws {
        #expect(try validator().validate(input(reporter: "  device-9\t")).reporter == "device-9")
        #expect(try validator().validate(input(reporter: "   ")).reporter == nil)
        #expect(try validator().validate(input(reporter: nil)).reporter == nil)
        #expect(try validator().validate(input(reporter: String(repeating: "r", count: 256))).reporter?.count == 256)
        #expect(error(input(reporter: String(repeating: "r", count: 257)))?.field == "reporter")
    }

    @Test func checksFieldsInOrder() {
        let everythingWrong = ReportInput(service: "nope", region: "XX", problem: "bad", at: .text("bad"))
        #expect(error(everythingWrong)?.field == "service")
        #expect(error(input(region: "XX", problem: "bad"))?.field == "region")
        #expect(error(input(problem: "bad", at: .text("bad")))?.field == "problem")
    }
}

@Suite(.timeLimit(.minutes(10))) struct ModelValueTests {
    @Test func ordersAlertLevels() {
        #expect(AlertLevel.normal < .possible && AlertLevel.possible < .likely)
        #expect(AlertLevel.allCases.sorted() == AlertLevel.allCases)
    }

    @Test func indexesProblemKindsByPosition() {
        #expect(ProblemKind.allCases.map(\.index) == Array(0..<ProblemKind.allCases.count))
        #expect(ProblemKind.allowedList == "app, login, messaging, connection, website, notifications, payments, other")
    }

    @Test func acceptsEveryProblemWithoutARestriction() throws {
        let open = MonitoredService(slug: try ServiceSlug.parse("github"))
        #expect(open.name == "github")
        #expect(ProblemKind.allCases.allSatisfy(open.accepts))
        let narrow = MonitoredService(slug: try ServiceSlug.parse("aws-s3"), problems: [.website])
        #expect(narrow.accepts(.website) && !narrow.accepts(.login))
    }

    @Test func overlapsIncidentsWithARange() throws {
        let incident = Incident(
            id: "whatsapp/US/1", service: try ServiceSlug.parse("whatsapp"), region: try Region.parse("US"),
            status: .resolved, level: .likely, detectedAt: Timestamp(seconds: 200), startedAt: Timestamp(seconds: 100),
            peakAt: Timestamp(seconds: 250), endedAt: Timestamp(seconds: 300), peakReports: 50, baselineReports: 0.5,
            totalReports: 120, excessReports: 100, scope: .regional, regions: [try Region.parse("US")], topProblems: [],
            problemMixShift: 0, summary: "Unofficial: test",
            evidence: IncidentEvidence(
                baseline: 0.5, observed: 50, statistic: 9, ratio: 100, reporters: 40, possibleThreshold: 3,
                likelyThreshold: 6, minimumRatio: 3, minimumReporters: 5, baselineMature: true
            )
        )
        #expect(incident.label == "unofficial")
        #expect(incident.ratio == 50)  // the baseline is floored at one report
        #expect(incident.overlaps(from: nil, to: nil))
        #expect(incident.overlaps(from: Timestamp(seconds: 300), to: Timestamp(seconds: 400)))
        #expect(!incident.overlaps(from: Timestamp(seconds: 301), to: nil))
        #expect(!incident.overlaps(from: nil, to: Timestamp(seconds: 99)))
    }
}
