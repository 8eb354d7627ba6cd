import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// A second whose 2^20 own report ids are all used still takes reports: the writer borrows the next free ids.
@Suite(.timeLimit(.minutes(10))) struct ReportIDBorrowingTests {
    /// The last second of a minute, so borrowed ids lie in the next minute's id range.
    static let crowded = Instants.outageAfternoon.adding(seconds: 59)
    static let whatsapp = ServiceSlug(rawValue: "whatsapp")!

    /// Fills every id `second` owns with anonymous reports at that second, straight in SQL (fast).
    static func fillOwnIDs(of second: Timestamp, in database: OutcryDatabase) throws {
        let t = second.seconds
        try database.connection.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(ReportID.idsPerSecond - 1))
            INSERT INTO report (id, service_id, region, problem, at, reporter, counted, comment, source, received_at)
            SELECT \(ReportID.first(at: t)) + i, (SELECT id FROM service WHERE slug = 'whatsapp'), 'US', 'login',
                   \(t), NULL, 1, NULL, 'import', \(t)
            FROM n
            """
        )
    }

    static func borrowedSeconds(_ database: OutcryDatabase) throws -> Int64? {
        let statement = try database.connection.cachedStatement("SELECT value FROM setting WHERE name = ?")
        try statement.bind(ReportID.borrowedSecondsSetting, at: 1)
        defer { statement.reset() }
        return try statement.step() ? statement.text(at: 0).flatMap { Int64($0) } : nil
    }

    @Test func aSecondWhoseIDsRanOutStillTakesReports() throws {
        let database = try OutcryDatabase.inMemory()
        try Self.fillOwnIDs(of: Self.crowded, in: database)
        #expect(try Self.borrowedSeconds(database) == nil)
        let writer = try ReportWriter(database: database)
        // Before: "no free report id" and the whole batch refused.
        let reports = (0..<3_000).map { Report.fixture(at: Self.crowded, reporter: "r\($0)") }
        let summary = try writer.writeSummarised(reports, receivedAt: Self.crowded)
        #expect(summary.stored == 3_000)
        #expect(summary.counted == 3_000)
        #expect(try database.reportTotals().stored == Int(ReportID.idsPerSecond) + 3_000)
        #expect(try Self.borrowedSeconds(database) == 1)
        // The next second still takes its own reports.
        let next = (0..<100).map { Report.fixture(at: Self.crowded.adding(seconds: 1), reporter: "n\($0)") }
        #expect(try writer.writeSummarised(next, receivedAt: Self.crowded).stored == 100)
    }

    @Test func queriesByTimeCountBorrowedReportsAtTheirOwnTime() throws {
        let database = try OutcryDatabase.inMemory()
        try Self.fillOwnIDs(of: Self.crowded, in: database)
        let writer = try ReportWriter(database: database)
        try writer.write(
            (0..<500).map { Report.fixture(at: Self.crowded, reporter: "crowd-\($0)") }, receivedAt: Self.crowded)
        let nextMinute = Self.crowded.adding(seconds: 1)
        try writer.write(
            (0..<7).map { Report.fixture(at: nextMinute, reporter: "next-\($0)") }, receivedAt: Self.crowded)
        let buckets = try database.distinctReporters(
            service: Self.whatsapp, region: .global, from: Instants.outageAfternoon,
            to: Instants.outageAfternoon.adding(minutes: 2), width: .oneMinute
        )
        // The crowd's ids lie in the next minute's range, but they count in their own minute.
        #expect(buckets.map(\.reporters) == [500, 7])
        let onlyNext = try database.distinctReporters(
            service: Self.whatsapp, region: .global, from: nextMinute, to: nextMinute.adding(minutes: 1),
            width: .oneMinute
        )
        #expect(onlyNext.map(\.reporters) == [7])
    }

    @Test func duplicateRuleSeesBorrowedReports() throws {
        let database = try OutcryDatabase.inMemory()
        try Self.fillOwnIDs(of: Self.crowded, in: database)
        let writer = try ReportWriter(database: database)
        #expect(
            try writer.write([.fixture(at: Self.crowded, reporter: "same")], receivedAt: Self.crowded) == [.counted])
        // A fresh writer (a new process) loads its recent window from the raw rows, borrowed ids included.
        let fresh = try ReportWriter(database: database)
        #expect(
            try fresh.write(
                [.fixture(at: Self.crowded.adding(seconds: 30), reporter: "same")], receivedAt: Self.crowded)
                == [.duplicate])
        // And a late report, answered from the raw rows by id range, sees it too.
        let later = (1...40).map {
            Report.fixture(at: Self.crowded.adding(minutes: Int64($0) * 30), reporter: "o\($0)")
        }
        try fresh.write(later, receivedAt: Self.crowded)
        #expect(
            try fresh.write(
                [.fixture(at: Self.crowded.adding(seconds: -60), reporter: "same")], receivedAt: Self.crowded)
                == [.duplicate])
    }

    @Test func moreThanAMillionReportsInOneSecondThroughTheWriter() throws {
        let database = try OutcryDatabase.inMemory()
        let writer = try ReportWriter(database: database)
        let batch = (0..<10_000).map { _ in Report.fixture(at: Self.crowded, reporter: nil) }
        // 110 batches of 10,000, as in the issue: 1.1 million reports stamped with one second.
        for _ in 0..<110 {
            try writer.write(batch, receivedAt: Self.crowded)
        }
        #expect(try database.reportTotals().stored == 1_100_000)
        #expect(try Self.borrowedSeconds(database) == 1)
        let counts = try database.minuteCounts(
            fromMinute: Self.crowded.epochMinute, toMinute: Self.crowded.epochMinute + 2)
        #expect(counts.map(\.counted) == [1_100_000])
    }

    @Test(arguments: [Int64.min, -(1 << 50), -1, 0, 1 << 50, Int64.max])
    func idRangesNeverOverflow(second: Int64) {
        let range = ReportID.range(from: second, to: second, borrowedSeconds: .max)
        #expect(range.lowerBound <= range.upperBound)
        #expect(ReportID.range(from: .min, to: second, borrowedSeconds: 3).lowerBound == ReportID.first(at: .min))
    }
}
