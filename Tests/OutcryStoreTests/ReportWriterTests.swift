import Foundation
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ReportWriterTests {
    /// Runs a test body on an in-memory database and on a WAL database file.
    static func onEachKindOfDatabase(_ body: (OutcryDatabase) throws -> Void) throws {
        try body(try OutcryDatabase.inMemory(services: [.fixture(), .fixture("instagram")]))
        let folder = TemporaryDirectory()
        try body(try OutcryDatabase.file(folder.path("db.sqlite"), services: [.fixture(), .fixture("instagram")]))
    }

    @Test func storesReportsAndCountsThemPerMinute() throws {
        try Self.onEachKindOfDatabase { database in
            let writer = try ReportWriter(database: database)
            let t = Instants.outageAfternoon
            let reports: [Report] = [
                .fixture(region: "US", problem: .login, at: t, reporter: "a"),
                .fixture(region: "US", problem: .login, at: t.adding(seconds: 30), reporter: "b"),
                .fixture(region: "DE", problem: .app, at: t.adding(seconds: 61), reporter: "c"),
                .fixture(region: "US-CA", problem: .login, at: t.adding(seconds: 62), reporter: nil),
            ]
            let summary = try writer.writeSummarised(reports, receivedAt: t)
            #expect(summary == IngestSummary(stored: 4, counted: 4, duplicates: 0, anonymous: 1))
            let rows = try database.minuteCounts(fromMinute: t.epochMinute, toMinute: t.epochMinute + 2)
            #expect(rows.reduce(0) { $0 + $1.counted } == 4)
            let first = rows.filter { $0.minute == t.epochMinute }
            #expect(first.count == 1)
            #expect(first.first?.counted == 2)
            #expect(first.first?.region.code == "US")
            #expect(rows.first { $0.region.code == "US-CA" }?.anonymous == 1)
            #expect(try database.reportTotals() == summary)
        }
    }

    @Test func sameReporterWithinTheCooldownIsADuplicate() throws {
        try Self.onEachKindOfDatabase { database in
            let writer = try ReportWriter(database: database)
            let t = Instants.outageAfternoon
            let cooldown = database.duplicateCooldownSeconds
            let classes = try writer.write(
                [
                    .fixture(at: t, reporter: "same"),
                    // A duplicate, even from another region.
                    .fixture(region: "DE", at: t.adding(seconds: 60), reporter: "same"),
                    // Another service: counts.
                    .fixture(service: "instagram", at: t.adding(seconds: 60), reporter: "same"),
                    .fixture(at: t.adding(seconds: cooldown - 1), reporter: "same"),  // still inside
                    .fixture(at: t.adding(seconds: cooldown), reporter: "same"),  // cooldown over: counts
                    .fixture(at: t, reporter: nil),
                    .fixture(at: t, reporter: nil),  // anonymous reports always count
                ],
                receivedAt: t
            )
            #expect(classes == [.counted, .duplicate, .counted, .duplicate, .counted, .anonymous, .anonymous])
        }
    }

    @Test func duplicateRuleHoldsAcrossBatchesAndConnections() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("db.sqlite")
        let first = try OutcryDatabase.file(path)
        let second = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        let t = Instants.outageAfternoon
        let writerA = try ReportWriter(database: first)
        let writerB = try ReportWriter(database: second)
        #expect(try writerA.write([.fixture(at: t, reporter: "r")], receivedAt: t) == [.counted])
        // The other connection must see the first one's counted report, not a stale cache.
        #expect(try writerB.write([.fixture(at: t.adding(seconds: 10), reporter: "r")], receivedAt: t) == [.duplicate])
        #expect(try writerA.write([.fixture(at: t.adding(seconds: 20), reporter: "r")], receivedAt: t) == [.duplicate])
    }

    @Test func cooldownIsConfigurablePerDatabase() throws {
        let database = try OutcryDatabase.inMemory()
        try database.setDuplicateCooldown(seconds: 60)
        let writer = try ReportWriter(database: database)
        let t = Instants.outageAfternoon
        let classes = try writer.write(
            [
                .fixture(at: t, reporter: "r"), .fixture(at: t.adding(seconds: 59), reporter: "r"),
                .fixture(at: t.adding(seconds: 61), reporter: "r"),
            ],
            receivedAt: t
        )
        #expect(classes == [.counted, .duplicate, .counted])
    }

    @Test func unknownServiceRejectsTheWholeBatch() throws {
        let database = try OutcryDatabase.inMemory()
        let writer = try ReportWriter(database: database)
        let batch: [Report] = [.fixture(), .fixture(service: "unmonitored")]
        #expect(throws: StoreError.self) { try writer.write(batch, receivedAt: Instants.outageAfternoon) }
        #expect(try database.reportTotals().stored == 0)
        #expect(try database.minuteCounts(fromMinute: 0, toMinute: .max).isEmpty)
        // The writer recovers for the next batch.
        #expect(try writer.write([.fixture(reporter: "x")], receivedAt: Instants.outageAfternoon) == [.counted])
    }

    @Test func rawReporterIdsNeverReachTheDatabaseFile() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("private.sqlite")
        let database = try OutcryDatabase.file(path)
        let writer = try ReportWriter(database: database)
        let secretIds = (0..<50).map { "reporter-secret-\($0)-device@example.org" }
        let reports = secretIds.enumerated().map { index, id in
            Report.fixture(at: Instants.outageAfternoon.adding(seconds: Int64(index)), reporter: id)
        }
        try writer.write(reports, receivedAt: Instants.outageAfternoon)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) {
            let bytes = try Data(contentsOf: folder.url.appendingPathComponent(file))
            for id in secretIds {
                #expect(bytes.range(of: Data(id.utf8)) == nil, "\(file) holds a raw reporter id")
            }
            #expect(bytes.range(of: Data("reporter-secret".utf8)) == nil)
        }
        // Distinct reporters are still countable from the hashes.
        let distinct = try database.distinctReporters(
            service: ServiceSlug(rawValue: "whatsapp")!, region: .global, from: Instants.outageAfternoon,
            to: Instants.outageAfternoon.adding(minutes: 60), width: .oneHour
        )
        #expect(distinct.first?.reporters == 50)
    }

    @Test func eachDatabaseHashesWithItsOwnSecret() throws {
        let a = try OutcryDatabase.inMemory()
        let b = try OutcryDatabase.inMemory()
        #expect(a.reporterHasher.hash("device-1") != b.reporterHasher.hash("device-1"))
        #expect(a.reporterHasher.hash("device-1") == a.reporterHasher.hash("device-1"))
        #expect(a.reporterHasher.hash("device-1").bytes.count == ReporterHasher.hashLength)
    }

    @Test func concurrentWritersOnOneFileLoseNothing() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("shared.sqlite")
        _ = try OutcryDatabase.file(path)
        let perWriter = 20
        let batchSize = 200
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writerIndex in
            do {
                let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
                let writer = try ReportWriter(database: database)
                for batch in 0..<perWriter {
                    let reports = (0..<batchSize).map { index in
                        Report.fixture(
                            at: Instants.outageAfternoon.adding(seconds: Int64(batch * batchSize + index)),
                            reporter: "w\(writerIndex)-\(batch)-\(index)"
                        )
                    }
                    try writer.write(reports, receivedAt: Instants.outageAfternoon)
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let database = try OutcryDatabase(path: path, now: Instants.outageAfternoon)
        let totals = try database.reportTotals()
        #expect(totals.stored == 2 * perWriter * batchSize)
        let counted = try database.minuteCounts(fromMinute: 0, toMinute: .max).reduce(0) { $0 + $1.counted }
        #expect(counted == totals.counted)
    }
}

/// Collects errors from concurrent work.
final class Failures: @unchecked Sendable {
    // @unchecked: `messages` is only touched under `lock`.
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

@Suite(.timeLimit(.minutes(10))) struct ReportWriterLateReportTests {
    @Test func lateReportOlderThanTheRecentWindowStillObeysTheCooldown() throws {
        let database = try OutcryDatabase.inMemory()
        let writer = try ReportWriter(database: database)
        let t = Instants.outageAfternoon
        try writer.write([.fixture(at: t, reporter: "late")], receivedAt: t)
        // Many hours of other reporters move the recent window on and prune "late" from it.
        let later = (1...40).map { Report.fixture(at: t.adding(minutes: Int64($0) * 30), reporter: "other-\($0)") }
        try writer.write(later, receivedAt: t)
        // A report that arrives late, timed 5 minutes after the first one: still a duplicate.
        #expect(try writer.write([.fixture(at: t.adding(minutes: 5), reporter: "late")], receivedAt: t) == [.duplicate])
        // One timed an hour later is not.
        #expect(try writer.write([.fixture(at: t.adding(minutes: 60), reporter: "late")], receivedAt: t) == [.counted])
        // And a fresh writer (a new process) agrees.
        let fresh = try ReportWriter(database: database)
        #expect(try fresh.write([.fixture(at: t.adding(minutes: 61), reporter: "late")], receivedAt: t) == [.duplicate])
    }
}
