import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// Several daemons on one database, each with its own connection: the duplicate rule holds across them, their
/// concurrent writes neither deadlock nor lose counts, one of them leads detection, and each detection minute
/// is committed once.
@Suite(.timeLimit(.minutes(10)), .enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
struct PostgresDaemonsTests {
    @Test func aReporterCountsOnceAcrossDaemonsWithinTheCooldown() throws {
        try PostgresTesting.withDatabase { url in
            let first = try PostgresTesting.openStoreWithService(url)
            defer { first.close() }
            let second = try PostgresTesting.openStore(url)
            defer { second.close() }
            #expect(first.reporterSecret == second.reporterSecret)
            let writerA = try first.makeReportWriter()
            let writerB = try second.makeReportWriter()
            let now = PostgresTesting.now
            #expect(try writerA.write([try PostgresTesting.report(reporter: "alice")], receivedAt: now) == [.counted])
            #expect(
                try writerB.write(
                    [try PostgresTesting.report(at: now.adding(seconds: 60), reporter: "alice")], receivedAt: now)
                    == [.duplicate])
            #expect(
                try writerB.write(
                    [try PostgresTesting.report(at: now.adding(seconds: 60), reporter: "bob")], receivedAt: now)
                    == [.counted])
            // The next cooldown window (900 s) counts alice again, whichever daemon takes it.
            #expect(
                try writerA.write(
                    [try PostgresTesting.report(at: now.adding(seconds: 900), reporter: "alice")], receivedAt: now)
                    == [.counted])
            let counts = try first.minuteCounts(fromMinute: now.epochMinute, toMinute: now.epochMinute + 16)
            #expect(counts.map(\.counted).reduce(0, +) == 3)
            #expect(counts.map(\.duplicates).reduce(0, +) == 1)
            #expect(try second.reportTotals() == IngestSummary(stored: 4, counted: 3, duplicates: 1, anonymous: 0))
        }
    }

    /// One report of the concurrent-writer workload.
    struct Planned: Sendable {
        var minute: Int64
        var region: String
        var problem: ProblemKind
        var reporter: String?
    }

    static let regions = ["US", "DE", "FR"]
    static let problems: [ProblemKind] = [.login, .app]
    static let minutes: Int64 = 6

    /// Batch `batch` of writer `writer`: the same minute rows for every writer, in a different order each, half
    /// identified (a reporter of their own), half anonymous, and one report of a reporter every writer shares.
    static func plannedBatch(writer: Int, batch: Int, size: Int) -> [Planned] {
        var planned = (0..<size).map { index in
            Planned(
                minute: Int64((index + batch) % Int(minutes)), region: regions[(index / 2) % regions.count],
                problem: problems[index % problems.count],
                reporter: index.isMultiple(of: 2) ? "w\(writer)-b\(batch)-r\(index)" : nil)
        }
        planned.append(Planned(minute: 0, region: "US", problem: .login, reporter: "shared"))
        return writer.isMultiple(of: 2) ? planned : planned.reversed()
    }

    /// Two daemons, each many batches on the same minute rows at once: no deadlock (each batch's rows are
    /// locked in one order), and the minute counts add up exactly; the reporter both share counts once.
    @Test func concurrentWritersNeverDeadlockAndTheCountsAddUp() throws {
        let writers = 2
        let batches = 40
        let size = 48
        try PostgresTesting.withDatabase { url in
            let base = PostgresTesting.now
            // The day's partition exists before the writers start (racing to create it is the next test's case):
            // one report an hour later, outside the minutes compared below.
            let setup = try PostgresTesting.openStoreWithService(url)
            _ = try setup.makeReportWriter().write(
                [try PostgresTesting.report(at: base.adding(seconds: 3_600))], receivedAt: base)
            setup.close()
            let outcomes = PostgresTesting.onThreads(writers) { writer in
                Result { () throws -> Int in
                    let store = try PostgresTesting.openStore(url)
                    defer { store.close() }
                    let sink = try store.makeReportWriter()
                    for batch in 0..<batches {
                        let reports = try Self.plannedBatch(writer: writer, batch: batch, size: size).map { planned in
                            try PostgresTesting.report(
                                at: base.adding(seconds: planned.minute * 60 + 7), reporter: planned.reporter,
                                region: planned.region, problem: planned.problem)
                        }
                        _ = try sink.write(reports, receivedAt: base)
                    }
                    return batches
                }
            }
            for (writer, outcome) in outcomes.enumerated() {
                if case .failure(let error)? = outcome { Issue.record("writer \(writer) failed: \(error)") }
            }

            struct Key: Hashable {
                var minute: Int64
                var region: String
                var problem: ProblemKind
            }
            var expected: [Key: (counted: Int, anonymous: Int)] = [:]
            for writer in 0..<writers {
                for batch in 0..<batches {
                    for planned in Self.plannedBatch(writer: writer, batch: batch, size: size)
                    where planned.reporter != "shared" {
                        let key = Key(
                            minute: base.epochMinute + planned.minute, region: planned.region, problem: planned.problem)
                        expected[key, default: (0, 0)].counted += 1
                        if planned.reporter == nil { expected[key, default: (0, 0)].anonymous += 1 }
                    }
                }
            }
            let sharedKey = Key(minute: base.epochMinute, region: "US", problem: .login)
            expected[sharedKey, default: (0, 0)].counted += 1

            let store = try PostgresTesting.openStore(url)
            defer { store.close() }
            let rows = try store.minuteCounts(fromMinute: base.epochMinute, toMinute: base.epochMinute + Self.minutes)
            var actual: [Key: (counted: Int, anonymous: Int)] = [:]
            for row in rows {
                actual[Key(minute: row.minute, region: row.region.code, problem: row.problem)] = (
                    row.counted, row.anonymous
                )
                let isShared = row.minute == base.epochMinute && row.region.code == "US" && row.problem == .login
                #expect(row.duplicates == (isShared ? writers * batches - 1 : 0), "\(row)")
            }
            #expect(actual.count == expected.count)
            for (key, value) in expected {
                #expect(actual[key]?.counted == value.counted, "\(key)")
                #expect(actual[key]?.anonymous == value.anonymous, "\(key)")
            }
            let total = writers * batches * (size + 1) + 1
            #expect(try store.reportTotals().stored == total)
        }
    }

    /// Daemons whose first reports of a new day arrive together: each makes sure the day's partition exists,
    /// and every one of their writes must succeed. Several rounds, each a day nobody has written yet.
    @Test func daemonsStartingANewDayTogetherAllWrite() throws {
        try PostgresTesting.withDatabase { url throws in
            try PostgresTesting.openStoreWithService(url).close()
            let writers = 3
            var written = 0
            for round in 1...6 {
                let day = PostgresTesting.now.adding(seconds: Int64(round) * 3 * 86_400)
                let outcomes = PostgresTesting.onThreads(writers) { writer in
                    Result { () throws -> Int in
                        let store = try PostgresTesting.openStore(url)
                        defer { store.close() }
                        let report = try PostgresTesting.report(at: day, reporter: "w\(writer)")
                        return try store.makeReportWriter().write([report], receivedAt: day).count
                    }
                }
                for outcome in outcomes {
                    switch outcome {
                    case .success(let count)?:
                        written += count
                    case .failure(let error)? where Self.isThePartitionRace(error):
                        Issue.record("round \(round): a writer failed: \(error)")
                    case .failure(let error)?:
                        Issue.record("round \(round): a writer failed: \(error)")
                    case nil:
                        break
                    }
                }
            }
            let store = try PostgresTesting.openStore(url)
            defer { store.close() }
            #expect(try store.reportTotals().stored == written)
        }
    }

    /// A second creator of a day partition that was created while it waited for the lock.
    static func isThePartitionRace(_ error: any Error) -> Bool {
        guard case .postgres(let failure) = error as? StoreError else { return false }
        return failure.sqlState == "42P07" && failure.context.hasPrefix("creating the report partitions of day")
    }

    @Test func oneStoreLeadsDetectionAndTheOtherTakesOverWhenItCloses() throws {
        try PostgresTesting.withDatabase { url in
            let first = try PostgresTesting.openStore(url)
            let second = try PostgresTesting.openStore(url)
            defer { second.close() }
            #expect(try first.tryAcquireDetectorLead())
            #expect(try first.tryAcquireDetectorLead(), "the leader keeps the lead")
            #expect(try !second.tryAcquireDetectorLead())
            #expect(try !second.tryAcquireDetectorLead())

            first.close()
            // The server frees a closed connection's session locks as its backend exits: wait for that on the
            // server (take and give back the lock), not on a clock.
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            try admin.query("SELECT pg_advisory_lock(7301, 2)", "waiting for the old leader's lock")
            try admin.query("SELECT pg_advisory_unlock(7301, 2)", "giving it back")
            #expect(try second.tryAcquireDetectorLead())

            // Giving the lead up lets another store take it at once.
            let third = try PostgresTesting.openStore(url)
            defer { third.close() }
            #expect(try !third.tryAcquireDetectorLead())
            try second.releaseDetectorLead()
            #expect(try third.tryAcquireDetectorLead())
            #expect(try !second.tryAcquireDetectorLead())
        }
    }

    /// A leader whose connection was cut has lost its lock on the server (another store takes it): it must not
    /// keep answering that it leads.
    @Test func aLeaderWhoseConnectionWasCutNoLongerClaimsTheLead() throws {
        try PostgresTesting.withDatabase { url in
            let first = try PostgresTesting.openStore(url)
            defer { first.close() }
            let second = try PostgresTesting.openStore(url)
            defer { second.close() }
            #expect(try first.tryAcquireDetectorLead())
            let admin = try PostgresTesting.session(url)
            defer { admin.close() }
            let ended = try admin.query(
                """
                SELECT pg_terminate_backend(pid, 10000) FROM pg_locks
                WHERE locktype = 'advisory' AND classid = 7301 AND objid = 2 AND granted
                """, "cutting the leader's connection"
            ).map { row in try row.columns(Bool.self, "terminated") }
            #expect(ended == [true])
            #expect(try second.tryAcquireDetectorLead(), "the lock was freed with the leader's connection")
            #expect((try? first.tryAcquireDetectorLead()) != true, "two stores claim the lead")
        }
    }

    @Test func eachDetectionMinuteIsClaimedOnce() throws {
        try PostgresTesting.withDatabase { url in
            let first = try PostgresTesting.openStore(url)
            defer { first.close() }
            let second = try PostgresTesting.openStore(url)
            defer { second.close() }
            let minute = PostgresTesting.now.epochMinute
            let now = PostgresTesting.now
            func claim(_ store: PostgresStore, _ minute: Int64, previous: Int64?, daemon: String) throws -> Bool {
                try store.inTransaction {
                    try store.claimDetectorTick(minute: minute, previous: previous, daemon: daemon, at: now)
                }
            }
            #expect(try claim(first, minute, previous: nil, daemon: "a"))
            #expect(try !claim(second, minute, previous: nil, daemon: "b"), "the second claim of a minute loses")
            #expect(try !claim(first, minute, previous: nil, daemon: "a"), "even by the daemon that holds it")
            #expect(try claim(second, minute + 1, previous: nil, daemon: "b"))
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            let rows = try session.query("SELECT minute, daemon FROM detector_tick ORDER BY minute", "ticks").map {
                row in try row.columns((Int64, String).self, "tick")
            }
            #expect(rows.map(\.0) == [minute, minute + 1])
            #expect(rows.map(\.1) == ["a", "b"])

            // Once a tick's state is committed, a claim must name it as the previous tick, and only a later minute
            // can be claimed.
            try first.saveDetectorState(lastTick: Timestamp(seconds: (minute + 1) * 60), body: [1, 2, 3])
            #expect(try !claim(second, minute + 2, previous: minute, daemon: "b"), "a stale previous tick loses")
            #expect(try !claim(second, minute + 1, previous: minute + 1, daemon: "b"), "not a later minute")
            #expect(try claim(second, minute + 2, previous: minute + 1, daemon: "b"))
            #expect(try !claim(first, minute + 2, previous: minute + 1, daemon: "a"))
        }
    }
}
