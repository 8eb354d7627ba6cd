import NIOCore
import OutcryStore
import Testing

@testable import OutcryPostgres

/// The COPY text encoder: exact escaping within a row's computed bound, and a bound that is too small is
/// reported (so the writer refuses to send) instead of a cut row reaching the database.
@Suite(.timeLimit(.minutes(10)))
struct PostgresCopyTextTests {
    private static func encode(_ text: String?, value: Int64, reporter: ReporterHash?, maximumBytes: Int? = nil)
        -> PostgresCopyText
    {
        var copy = PostgresCopyText(capacity: 16)
        let bound =
            maximumBytes
            ?? (CopyRowWriter.bound(text) + 2 * CopyRowWriter.integerBound + CopyRowWriter.reporterBound
                + CopyRowWriter.booleanBound)
        copy.addRow(maximumBytes: bound) { row in
            row.add(value)
            row.add(text)
            row.add(reporter: reporter)
            row.add(true)
            row.add(Int64(-42))
        }
        return copy
    }

    @Test(arguments: [Int64.min, -1, 0, 7, 10, 1_796_000_000, Int64.max])
    func integersTextAndReportersAreWrittenExactly(value: Int64) {
        let reporter = ReporterHash(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
        let copy = Self.encode("a\tb\\c\nd\re ☃", value: value, reporter: reporter)
        #expect(!copy.overflowed)
        let expected = "\(value)\ta\\tb\\\\c\\nd\\re ☃\t\\\\x0123456789abcdeffedcba9876543210\tt\t-42\n"
        #expect(String(buffer: copy.buffer) == expected)
    }

    @Test func nullsAreWrittenAsBackslashN() {
        let copy = Self.encode(nil, value: 1, reporter: nil)
        #expect(!copy.overflowed)
        #expect(String(buffer: copy.buffer) == "1\t\\N\t\\N\tt\t-42\n")
    }

    @Test(arguments: [0, 5, 20, 40])
    func aTooSmallBoundIsReportedNotCut(maximumBytes: Int) {
        let copy = Self.encode(
            String(repeating: "\\", count: 30), value: 123, reporter: nil, maximumBytes: maximumBytes)
        #expect(copy.overflowed)
    }
}
