import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// One request's failure inside a group commit never fails the other requests of the group.
@Suite(.timeLimit(.minutes(10))) struct GroupCommitTests {
    static let t = Instants.outageAfternoon

    /// Makes any report whose comment is `boom` fail with a constraint error, as a stand-in for any per-row failure.
    static func installFailingTrigger(_ database: OutcryDatabase) throws {
        try database.connection.execute(
            """
            CREATE TEMP TRIGGER fail_boom BEFORE INSERT ON report WHEN NEW.comment = 'boom'
            BEGIN SELECT RAISE(ABORT, 'boom refused'); END
            """
        )
    }

    @Test func aFailingRequestIsRolledBackAndTheOthersCommit() throws {
        try ReportWriterTests.onEachKindOfDatabase { database in
            try Self.installFailingTrigger(database)
            let writer = try ReportWriter(database: database)
            let results = try writer.writeGroup(
                [
                    GroupedReports(reports: [.fixture(at: Self.t, reporter: "a"), .fixture(at: Self.t, reporter: "b")]),
                    GroupedReports(reports: [
                        .fixture(at: Self.t, reporter: "c"), .fixture(at: Self.t, reporter: "d", comment: "boom"),
                    ]),
                    GroupedReports(reports: [.fixture(service: "unmonitored", at: Self.t)]),
                    GroupedReports(reports: [.fixture(service: "instagram", at: Self.t, reporter: "e")]),
                ],
                receivedAt: Self.t
            )
            #expect(results.count == 4)
            #expect(try results[0].get() == [.counted, .counted])
            guard case .failure(.sqlite(let error)) = results[1] else {
                Issue.record("expected the constraint failure, got \(results[1])")
                return
            }
            #expect(error.code & 0xFF == 19)
            guard case .failure(.unknownService("unmonitored")) = results[2] else {
                Issue.record("expected unknownService, got \(results[2])")
                return
            }
            #expect(try results[3].get() == [.counted])
            // Only the good requests are stored and counted; nothing of the failed one, not even its good report.
            #expect(try database.reportTotals() == IngestSummary(stored: 3, counted: 3, duplicates: 0, anonymous: 0))
            let counted = try database.minuteCounts(fromMinute: 0, toMinute: .max).reduce(0) { $0 + $1.counted }
            #expect(counted == 3)
        }
    }

    @Test func aRolledBackRequestLeavesNoTraceInTheDuplicateRule() throws {
        let database = try OutcryDatabase.inMemory()
        try Self.installFailingTrigger(database)
        let writer = try ReportWriter(database: database)
        let results = try writer.writeGroup(
            [
                // "x" is counted here, then the request fails and is rolled back ...
                GroupedReports(reports: [
                    .fixture(at: Self.t.adding(minutes: 5), reporter: "x"), .fixture(at: Self.t, comment: "boom"),
                ]),
                // ... so "x" in the next request is its first report, not a duplicate.
                GroupedReports(reports: [.fixture(at: Self.t.adding(minutes: 6), reporter: "x")]),
            ],
            receivedAt: Self.t
        )
        #expect((try? results[0].get()) == nil)
        #expect(try results[1].get() == [.counted])
        // The service's newest report is the committed one, not the rolled-back one: a report from "x" 14
        // minutes before the committed one is still inside its cooldown; nothing is left of the rolled-back one.
        #expect(
            try writer.write([.fixture(at: Self.t.adding(minutes: -8), reporter: "x")], receivedAt: Self.t) == [
                .duplicate
            ])
        #expect(
            try writer.write([.fixture(at: Self.t.adding(minutes: 21), reporter: "x")], receivedAt: Self.t) == [
                .counted
            ])
        #expect(try database.reportTotals().stored == 3)
    }

    @Test func aGroupOfOnlyGoodRequestsMatchesOneBigWrite() throws {
        let database = try OutcryDatabase.inMemory()
        let writer = try ReportWriter(database: database)
        let requests = (0..<5).map { request in
            GroupedReports(
                reports: (0..<20).map {
                    Report.fixture(at: Self.t.adding(seconds: Int64($0)), reporter: "r\(request)-\($0 % 10)")
                })
        }
        let results = try writer.writeGroup(requests, receivedAt: Self.t)
        let classes = try results.flatMap { try $0.get() }
        #expect(classes.filter { $0 == .counted }.count == 50)
        #expect(classes.filter { $0 == .duplicate }.count == 50)
        #expect(try database.reportTotals() == IngestSummary(stored: 100, counted: 50, duplicates: 50, anonymous: 0))
    }
}
