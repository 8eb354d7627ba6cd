import OutcryStore
import Testing

@Suite(.timeLimit(.minutes(10))) struct SQLiteConnectionTests {
    @Test func bindsAndReadsEveryType() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64.max, at: 1)
        try insert.bind(2.5, at: 2)
        try insert.bind("héllo ✓ \u{0}end", at: 3)
        try insert.bind([0, 1, 255] as [UInt8], at: 4)
        try insert.bind(nil as String?, at: 5)
        try insert.run()
        let select = try connection.prepare("SELECT i, d, s, b, n FROM t")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.max)
        #expect(select.double(at: 1) == 2.5)
        #expect(select.text(at: 2) == "héllo ✓ \u{0}end")
        #expect(select.blob(at: 3) == [0, 1, 255])
        #expect(select.isNull(at: 4))
        #expect(select.text(at: 4) == nil)
        #expect(try !select.step())
    }

    @Test func reusedStatementSeesNewBindings() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (i INTEGER)")
        for value in 1...100 {
            let insert = try connection.cachedStatement("INSERT INTO t VALUES (?)")
            try insert.bind(value, at: 1)
            try insert.run()
        }
        #expect(try connection.pragmaInteger("page_count") > 0)
        let sum = try connection.cachedStatement("SELECT SUM(i), COUNT(*) FROM t")
        #expect(try sum.step())
        #expect(sum.int(at: 0) == 5050)
        #expect(sum.int(at: 1) == 100)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (i INTEGER)")
        #expect(throws: Boom.self) {
            try connection.inTransaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        let count = try connection.cachedStatement("SELECT COUNT(*) FROM t")
        #expect(try count.step())
        #expect(count.int(at: 0) == 0)
    }

    @Test func errorsCarryCodeAndMessageButNoValues() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE t (i INTEGER PRIMARY KEY)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?)")
        try insert.bind(424242, at: 1)
        try insert.run()
        try insert.bind(424242, at: 1)
        do {
            try insert.run()
            Issue.record("duplicate key must fail")
        } catch {
            #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
            #expect(!error.description.contains("424242"))
        }
    }
}
