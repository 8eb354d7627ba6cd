import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// Raw reports are partitioned by UTC day: a report's day gets its partition (`report_dN`) when the first report
/// of that day is written, a date outside the useful range lands in the default partition and still counts,
/// and pruning drops whole days.
@Suite(.timeLimit(.minutes(10)), .enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
struct PostgresPartitionTests {
    static let today = PostgresTesting.day(PostgresTesting.now)
    /// 1971-06-01T12:00:00Z: before 2000, so no day partition is made for it.
    static let in1971 = Timestamp(seconds: 516 * 86_400 + 43_200)

    @Test func aReportOnANewDayCreatesItsPartition() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            #expect(try PostgresTesting.reportPartitions(session) == ["report_default"])

            _ = try store.makeReportWriter().write([try PostgresTesting.report()], receivedAt: PostgresTesting.now)
            let partitions = try PostgresTesting.reportPartitions(session)
            #expect(partitions.contains("report_d\(Self.today)"), "\(partitions)")
            #expect(partitions.contains("report_d\(Self.today + 1)"), "tomorrow's is made ahead: \(partitions)")
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_d\(Self.today)") == 1)
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_default") == 0)
            // The partition holds exactly its UTC day.
            let bound = try #require(
                try session.query(
                    """
                    SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c
                    WHERE c.relname = \("report_d\(Self.today)")
                    """, "reading the partition bound"
                ).first)
            let text = try bound.columns(String.self, "bound")
            #expect(text.contains("\(Self.today * 86_400)") && text.contains("\((Self.today + 1) * 86_400)"), "\(text)")
        }
    }

    @Test func aReportIn1971LandsInTheDefaultPartitionAndCounts() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let classes = try store.makeReportWriter().write(
                [try PostgresTesting.report(at: Self.in1971, reporter: "old-timer")], receivedAt: PostgresTesting.now)
            #expect(classes == [.counted])
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_default") == 1)
            #expect(!(try PostgresTesting.reportPartitions(session)).contains("report_d516"))
            let minute = Self.in1971.epochMinute
            let counts = try store.minuteCounts(fromMinute: minute, toMinute: minute + 1)
            #expect(counts.count == 1 && counts.first?.counted == 1 && counts.first?.duplicates == 0, "\(counts)")
            #expect(try store.reportTotals() == IngestSummary(stored: 1, counted: 1, duplicates: 0, anonymous: 0))
        }
    }

    /// A report of a day that has no partition yet sits in the default partition; when its day's partition is
    /// made, that report moves into it (attaching the partition would fail otherwise).
    @Test func reportsWaitingInTheDefaultPartitionMoveIntoTheirNewDay() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            let earlier = PostgresTesting.now.adding(seconds: -60).seconds
            try session.execute(
                """
                INSERT INTO report (service_id, region, problem, at, reporter, counted, comment, source, received_at)
                SELECT id, 'US', 'login', \(earlier), NULL, true, 'written by an older daemon', 'http', \(earlier)
                FROM service WHERE slug = 'whatsapp'
                """, "planting a report in the default partition")
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_default") == 1)

            _ = try store.makeReportWriter().write([try PostgresTesting.report()], receivedAt: PostgresTesting.now)
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_d\(Self.today)") == 2)
            #expect(try PostgresTesting.integer(session, "SELECT count(*) FROM report_default") == 0)
        }
    }

    @Test func pruningDropsWholeDayPartitionsAndKeepsTheCounts() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let other = try PostgresTesting.openStore(url)
            defer { other.close() }
            let threeDaysAgo = PostgresTesting.now.adding(seconds: -3 * 86_400)
            let twoDaysAgo = PostgresTesting.now.adding(seconds: -2 * 86_400)
            _ = try store.makeReportWriter().write(
                [
                    try PostgresTesting.report(at: threeDaysAgo), try PostgresTesting.report(at: twoDaysAgo),
                    try PostgresTesting.report(), try PostgresTesting.report(at: Self.in1971),
                ], receivedAt: PostgresTesting.now)
            // A second daemon that has written two days ago too (so it believes that day's partition exists).
            let otherWriter = try other.makeReportWriter()
            _ = try otherWriter.write([try PostgresTesting.report(at: twoDaysAgo)], receivedAt: PostgresTesting.now)
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            let before = try PostgresTesting.reportPartitions(session)
            for day in [Self.today - 3, Self.today - 2, Self.today - 1, Self.today, Self.today + 1] {
                #expect(before.contains("report_d\(day)"), "\(before)")
            }

            let outcome = try store.pruneReports(before: Timestamp(seconds: Self.today * 86_400))
            // Days -3, -2 and -1 (made ahead) dropped whole; the 1971 report deleted from the default partition.
            #expect(outcome == PruneOutcome(reports: 4, partitions: 3))
            #expect(
                try PostgresTesting.reportPartitions(session)
                    == ["report_d\(Self.today)", "report_d\(Self.today + 1)", "report_default"])
            #expect(try store.reportTotals().stored == 1)
            // The counts of the pruned days stay.
            let minute = threeDaysAgo.epochMinute
            #expect(try store.minuteCounts(fromMinute: minute, toMinute: minute + 1).first?.counted == 1)
            #expect(
                try store.minuteCounts(fromMinute: Self.in1971.epochMinute, toMinute: Self.in1971.epochMinute + 1)
                    .first?.counted == 1)

            // Both daemons can still write a pruned day (the pruning one re-creates its partition).
            _ = try otherWriter.write([try PostgresTesting.report(at: twoDaysAgo)], receivedAt: PostgresTesting.now)
            _ = try store.makeReportWriter().write(
                [try PostgresTesting.report(at: twoDaysAgo)], receivedAt: PostgresTesting.now)
            #expect(try store.reportTotals().stored == 3)
        }
    }
}
