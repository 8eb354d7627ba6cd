import OutcryModel
import OutcryPostgres
import OutcryStore
import OutcryTestSupport
import PostgresNIO
import Testing

/// Reports reach PostgreSQL through `COPY … FROM STDIN` in the text format, where tab, newline, carriage return
/// and backslash mean something: every comment must come back byte for byte, whatever a reporter typed.
@Suite(.timeLimit(.minutes(10)), .enabled(if: PostgresTesting.hasServer, "needs OUTCRY_TEST_POSTGRES_URL"))
struct PostgresCopyRoundTripTests {
    static let comments: [String?] = [
        "plain words",
        "tab\there",
        "new\nline",
        "carriage\rreturn",
        "windows\r\nline end",
        "back\\slash",
        "\\N",
        "\\",
        "ends with a backslash\\",
        "\\\\N double",
        "\\.",
        "\\.\nafter the end-of-data marker",
        "\\t\\n\\r written out",
        "'single' \"double\" `back` quotes",
        "\t\n\r\\ \\N all at once \\\t",
        "unicode: é ß ø 中文 العربية עברית",
        "emoji: 💥 👩‍👩‍👧 🏳️‍🌈 🇩🇪",
        "control \u{1}\u{7}\u{1B}[31m\u{7F} bytes",
        "",
        nil,
        String(repeating: "long \t\\ line\n", count: 2_000),
    ]

    /// The comments, one report each a second apart, read back in order through a second session.
    static func roundTrip(_ comments: [String?], reporter: (Int) -> String?) throws -> [String?] {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let reports = try comments.enumerated().map { index, comment in
                try PostgresTesting.report(
                    at: PostgresTesting.now.adding(seconds: Int64(index)), reporter: reporter(index), comment: comment)
            }
            _ = try store.makeReportWriter().write(reports, receivedAt: PostgresTesting.now)
            let session = try PostgresTesting.session(url)
            defer { session.close() }
            return try session.query("SELECT comment FROM report ORDER BY at", "reading comments").map { row in
                try row.columns(String?.self, "comment")
            }
        }
    }

    @Test func hostileCommentsComeBackByteIdentical() throws {
        let stored = try Self.roundTrip(Self.comments) { _ in nil }
        #expect(stored.count == Self.comments.count)
        for (sent, read) in zip(Self.comments, stored) {
            #expect(sent.map { Array($0.utf8) } == read.map { Array($0.utf8) }, "sent \(String(reflecting: sent))")
        }
    }

    /// Identified reporters too (their hashes are COPYed as bytea beside the comment), duplicates included.
    @Test func commentsOfIdentifiedReportersComeBackToo() throws {
        let stored = try Self.roundTrip(Self.comments) { index in "reporter-\(index % 3)" }
        #expect(stored.map { $0.map { Array($0.utf8) } } == Self.comments.map { $0.map { Array($0.utf8) } })
    }

    /// A NUL byte cannot be stored in PostgreSQL text: the batch is refused as a whole with a store error, never
    /// a crash, and the connection stays usable.
    @Test func aCommentWithANulByteIsRefusedCleanly() throws {
        try PostgresTesting.withDatabase { url in
            let store = try PostgresTesting.openStoreWithService(url)
            defer { store.close() }
            let writer = try store.makeReportWriter()
            let reports = [
                try PostgresTesting.report(comment: "fine"), try PostgresTesting.report(comment: "nul \u{0} inside"),
            ]
            #expect(throws: StoreError.self) { try writer.write(reports, receivedAt: PostgresTesting.now) }
            #expect(try store.reportTotals().stored == 0)
            #expect(try writer.write([try PostgresTesting.report()], receivedAt: PostgresTesting.now) == [.anonymous])
            #expect(try store.reportTotals().stored == 1)
        }
    }
}
