import Logging
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The behaviour users rely on, run against every available backend (SQLite always; PostgreSQL when
/// OUTCRY_TEST_POSTGRES_URL is set, as in CI): the same calls give the same answers.
@Suite(.timeLimit(.minutes(10)))
struct StorageBehaviourTests {
    static let now = Timestamp(seconds: 1_709_650_800)  // 2024-03-05T15:00:00Z

    /// Runs `body` on an engine over a fresh database of `backend` (dropped afterwards).
    static func withEngine(_ backend: TestBackend, _ body: (Engine) throws -> Void) throws {
        try backend.withEngine(clock: FixedTimeSource(now), body)
    }

    static func report(
        _ service: String = "whatsapp", region: String = "US", at: Timestamp = now, reporter: String? = nil,
        relay: Int64? = nil
    ) throws -> Report {
        var report = Report(
            service: try #require(ServiceSlug(rawValue: service)), region: try Region.parse(region),
            problem: .login, at: at, reporter: reporter, comment: "tab\there, newline\nthere \\ \u{1F4A5}",
            source: .http)
        report.relay = relay
        return report
    }

    @Test(arguments: TestBackend.available)
    func servicesAreAddedConfirmedRefusedAndRemoved(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            let whatsapp = MonitoredService(
                slug: try #require(ServiceSlug(rawValue: "whatsapp")), name: "WhatsApp", group: "meta")
            #expect(try engine.addService(whatsapp) == .added)
            #expect(try engine.addService(whatsapp) == .unchanged)
            var renamed = whatsapp
            renamed.name = "WA"
            #expect(throws: EngineError.self) { try engine.addService(renamed) }
            #expect(try engine.services().map(\.slug.rawValue) == ["whatsapp"])
            #expect(try engine.setSensitivity(.high, of: whatsapp.slug) == .normal)
            #expect(try engine.services().first?.sensitivity == .high)
            _ = try engine.reportWriter().write([try Self.report(reporter: "a")], receivedAt: Self.now)
            #expect(throws: EngineError.self) { try engine.removeService(whatsapp.slug, withReports: false) }
            #expect(try engine.removeService(whatsapp.slug, withReports: true) == 1)
            #expect(try engine.services().isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func reportsAreClassifiedCountedAndReadBack(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            _ = try engine.addService(MonitoredService(slug: try #require(ServiceSlug(rawValue: "whatsapp"))))
            let writer = try engine.reportWriter()
            let first = try writer.write(
                [
                    try Self.report(reporter: "alice"), try Self.report(reporter: "alice"), try Self.report(),
                    try Self.report(region: "DE", at: Self.now.adding(seconds: 60), reporter: "bob"),
                ], receivedAt: Self.now)
            #expect(first == [.counted, .duplicate, .anonymous, .counted])
            // A later batch remembers the earlier one (and, on PostgreSQL, another daemon's).
            #expect(
                try writer.write(
                    [try Self.report(at: Self.now.adding(seconds: 120), reporter: "alice")], receivedAt: Self.now) == [
                        .duplicate
                    ])
            let totals = try engine.store { try $0.reportTotals() }
            #expect(totals == IngestSummary(stored: 5, counted: 3, duplicates: 2, anonymous: 1))
            let buckets = try engine.bucketCounts(
                service: try #require(ServiceSlug(rawValue: "whatsapp")), region: .global, from: Self.now,
                to: Self.now.adding(seconds: 900), width: .fiveMinutes)
            #expect(buckets.first?.counted == 3 && buckets.first?.duplicates == 2 && buckets.count == 3)
            let us = try engine.store {
                try $0.distinctReporters(
                    service: try #require(ServiceSlug(rawValue: "whatsapp")), region: try Region.parse("US"),
                    from: Self.now, to: Self.now.adding(seconds: 300), width: .fiveMinutes)
            }
            #expect(us.first?.reporters == 1)
            let range = try engine.store { try $0.minuteRange() }
            #expect(range == Self.now.epochMinute...(Self.now.epochMinute + 2))
        }
    }

    @Test(arguments: TestBackend.available)
    func aGroupCommitRefusesOnlyTheRequestWithAnUnknownService(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            _ = try engine.addService(MonitoredService(slug: try #require(ServiceSlug(rawValue: "whatsapp"))))
            let results = try engine.reportWriter().writeGroup(
                [
                    GroupedReports(reports: [try Self.report(reporter: "a")]),
                    GroupedReports(reports: [try Self.report("nosuch", reporter: "b")]),
                    GroupedReports(reports: [try Self.report(reporter: "c")]),
                ], receivedAt: Self.now)
            #expect((try? results[0].get()) == [.counted])
            #expect((try? results[2].get()) == [.counted])
            guard case .failure(.unknownService("nosuch")) = results[1] else {
                Issue.record("expected unknownService, got \(results[1])")
                return
            }
            #expect(try engine.store { try $0.reportTotals() }.stored == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func theLargestRelayIsRecordedPerMinute(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            _ = try engine.addService(MonitoredService(slug: try #require(ServiceSlug(rawValue: "whatsapp"))))
            let reports =
                try (0..<5).map { try Self.report(reporter: "r\($0)", relay: 7) }
                + [try Self.report(reporter: "x", relay: 8)]
            _ = try engine.reportWriter().write(reports, receivedAt: Self.now)
            let rows = try engine.store {
                try $0.minuteCounts(fromMinute: Self.now.epochMinute, toMinute: Self.now.epochMinute + 1)
            }
            #expect(rows.count == 1 && rows.first?.counted == 6 && rows.first?.largestRelay == 5)
        }
    }

    @Test(arguments: TestBackend.available)
    func detectionFindsTheSameIncidentsOnEveryBackend(backend: TestBackend) throws {
        try backend.withEngine(clock: FixedTimeSource(OutageFixture.end)) { engine in
            try Self.detectsTheFixtureOutage(engine, backend: backend)
        }
    }

    static func detectsTheFixtureOutage(_ engine: Engine, backend: TestBackend) throws {
        for service in OutageFixture.services { _ = try engine.addService(service) }
        let writer = try engine.reportWriter()
        var index = 0
        let reports = OutageFixture.allReports
        while index < reports.count {
            let batch = Array(reports[index..<min(index + 5_000, reports.count)])
            _ = try writer.write(batch, receivedAt: batch[batch.count - 1].at)
            index += batch.count
        }
        let run = try engine.detect(upTo: OutageFixture.end)
        let incidents = try engine.store { try $0.incidents() }
        // The fixture's Meta outage: every Meta app has a global incident, the quiet service none.
        for slug in OutageFixture.metaSlugs {
            #expect(incidents.contains { $0.service.rawValue == slug && $0.region.isGlobal }, "\(backend): \(slug)")
        }
        #expect(!incidents.contains { $0.service.rawValue == OutageFixture.quietSlug })
        #expect(run.ticks > 0)
        // Read back equal to what was saved, on either backend.
        #expect(Set(incidents.map(\.id)) == Set(run.changedIncidents.map(\.id)))
        // Detection committed its last tick.
        #expect(try engine.store { try $0.lastDetectorTick() }?.minute == OutageFixture.end.epochMinute)
    }

    @Test(arguments: TestBackend.available)
    func incidentsAreFilteredAndPagedInOnsetOrder(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            let incidents = try (0..<7).map { index in
                try Self.incident(
                    id: "i\(index)", service: index.isMultiple(of: 2) ? "whatsapp" : "gmail",
                    startedAt: Self.now.adding(seconds: Int64(index / 2) * 600))
            }
            try engine.transaction { try $0.saveIncidents(incidents) }
            let all = try engine.store { try $0.incidents() }
            #expect(all.map(\.id) == ["i6", "i4", "i5", "i2", "i3", "i0", "i1"])
            let page = try engine.store { try $0.incidents(IncidentQuery(limit: 3)) }
            let cursor = IncidentCursor(startedAt: page[2].startedAt, id: page[2].id)
            let next = try engine.store { try $0.incidents(IncidentQuery(after: cursor, limit: 3)) }
            #expect((page + next).map(\.id) == Array(all.prefix(6).map(\.id)))
            let gmail = try engine.store { try $0.incidents(IncidentQuery(service: ServiceSlug(rawValue: "gmail"))) }
            #expect(gmail.map(\.id) == ["i5", "i3", "i1"])
            try engine.transaction { try $0.deleteDetections(detectedFrom: .distantPast, to: .distantFuture) }
            #expect(try engine.store { try $0.incidents() }.isEmpty)
        }
    }

    /// A regional incident taken over by its service's global incident keeps its id; the stored row follows
    /// it to the new region, so the next run announces nothing more and region filters find it.
    @Test(arguments: TestBackend.available)
    func aWidenedIncidentIsStoredUnderItsIdInItsNewRegion(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            var incident = try Self.incident(id: "whatsapp/FR/1", service: "whatsapp", startedAt: Self.now)
            incident.region = try Region.parse("FR")
            incident.status = .open
            incident.endedAt = nil
            try engine.transaction { try $0.saveIncidents([incident]) }
            #expect(
                try engine.store { try $0.storedIncidentStates(ids: [incident.id]) }[incident.id]?.region
                    == incident.region)
            incident.region = .global
            try engine.transaction { try $0.saveIncidents([incident]) }
            let state = try #require(try engine.store { try $0.storedIncidentStates(ids: [incident.id]) }[incident.id])
            #expect(state.region == .global && state.status == .open)
            let stored = try engine.store { try $0.incidents() }
            #expect(stored.map(\.id) == [incident.id] && stored.first?.region == .global)
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensQuietWindowsAndPruning(backend: TestBackend) throws {
        try Self.withEngine(backend) { engine in
            let slug = try #require(ServiceSlug(rawValue: "whatsapp"))
            _ = try engine.addService(MonitoredService(slug: slug))
            let token = try engine.store {
                try $0.addAPIToken(
                    name: "relay", hash: Array(repeating: 7, count: 32), isRelay: true, reportsPerSecond: 50,
                    now: Self.now)
            }
            #expect(try engine.store { try $0.apiToken(named: "relay") } == token)
            #expect(try engine.store { try $0.revokeAPIToken(named: "relay", now: Self.now) })
            #expect(try engine.store { try $0.apiTokens(includingRevoked: false) }.isEmpty)
            let window = try engine.store {
                try $0.addQuietWindow(
                    QuietWindow(
                        service: slug, startsAt: Self.now, endsAt: Self.now.adding(seconds: 3_600), reason: "launch",
                        createdAt: Self.now))
            }
            #expect(
                try engine.store {
                    try $0.quietWindows(
                        overlappingFrom: Self.now.adding(seconds: 60), to: Self.now.adding(seconds: 120))
                } == [window])
            // Pruning drops the raw reports of earlier days and keeps the counts.
            let yesterday = Self.now.adding(seconds: -86_400)
            _ = try engine.reportWriter().write(
                [try Self.report(at: yesterday, reporter: "old"), try Self.report(reporter: "new")],
                receivedAt: Self.now)
            let outcome = try engine.pruneReports(before: Self.now.bucketStart(width: 86_400))
            #expect(outcome.reports == 1)
            #expect(try engine.store { try $0.reportTotals() }.stored == 1)
            #expect(
                try engine.store {
                    try $0.minuteCounts(fromMinute: yesterday.epochMinute, toMinute: yesterday.epochMinute + 1)
                }.count == 1)
        }
    }

    static func incident(id: String, service: String, startedAt: Timestamp) throws -> Incident {
        Incident(
            id: id, service: try #require(ServiceSlug(rawValue: service)), region: .global, status: .resolved,
            level: .likely, detectedAt: startedAt.adding(seconds: 120), startedAt: startedAt,
            peakAt: startedAt.adding(seconds: 300), endedAt: startedAt.adding(seconds: 1_800), peakReports: 120,
            baselineReports: 3.5, totalReports: 900, excessReports: 850, scope: .global,
            regions: [try Region.parse("US")], topProblems: [ProblemShare(problem: .login, share: 0.75)],
            problemMixShift: 0.2, summary: "unofficial: likely outage \(id)",
            evidence: IncidentEvidence(
                baseline: 3.5, observed: 120, statistic: 15, ratio: 34, reporters: 100, possibleThreshold: 3,
                likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: true))
    }
}
