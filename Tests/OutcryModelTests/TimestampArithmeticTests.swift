import OutcryModel
import Testing

/// Timestamp arithmetic saturates: no instant or delta, however extreme, makes it trap.
@Suite(.timeLimit(.minutes(10))) struct TimestampArithmeticTests {
    static let extremes: [Int64] = [
        .min, .min + 1, .min / 60, -86_400, -61, -60, -1, 0, 1, 59, 60, 86_400, .max / 60, .max - 1, .max,
    ]

    @Test func addingSaturatesAtTheEndsOfTime() {
        #expect(Timestamp(seconds: .max).adding(seconds: 1) == .distantFuture)
        #expect(Timestamp(seconds: .min).adding(seconds: -1) == .distantPast)
        #expect(Timestamp(seconds: 0).adding(minutes: .max) == .distantFuture)
        #expect(Timestamp(seconds: 0).adding(minutes: .min) == .distantPast)
        #expect(Timestamp(seconds: .min).adding(minutes: -30) == .distantPast)
        #expect(Timestamp(seconds: 100).adding(minutes: -1) == Timestamp(seconds: 40))
        #expect(Timestamp(seconds: .max).secondsSince(Timestamp(seconds: .min)) == .max)
        #expect(Timestamp(seconds: .min).secondsSince(Timestamp(seconds: .max)) == .min)
        #expect(Timestamp(seconds: 90).secondsSince(Timestamp(seconds: 30)) == 60)
    }

    @Test func bucketStartSaturatesAndIgnoresWidthsBelowOne() {
        #expect(Timestamp(seconds: .min).bucketStart(width: 86_400) == .distantPast)
        #expect(Timestamp(seconds: 125).bucketStart(width: 60) == Timestamp(seconds: 120))
        #expect(Timestamp(seconds: -1).bucketStart(width: 60) == Timestamp(seconds: -60))
        #expect(Timestamp(seconds: 125).bucketStart(width: 0) == Timestamp(seconds: 125))
        #expect(Timestamp(seconds: 125).bucketStart(width: -5) == Timestamp(seconds: 125))
    }

    /// Property: for every pair of extreme values, each operation returns and agrees with exact arithmetic
    /// whenever the exact result fits.
    @Test func everyOperationOnExtremeValuesReturns() {
        for base in Self.extremes {
            let instant = Timestamp(seconds: base)
            for delta in Self.extremes {
                let sum = instant.adding(seconds: delta)
                let exact = base.addingReportingOverflow(delta)
                #expect(sum.seconds == (exact.overflow ? (delta > 0 ? .max : .min) : exact.partialValue))
                _ = instant.adding(minutes: delta)
                _ = instant.secondsSince(Timestamp(seconds: delta))
                let bucket = instant.bucketStart(width: delta)
                #expect(delta <= 0 || bucket == .distantPast || bucket <= instant)
            }
        }
    }
}

/// Formatting never traps: the first day of the Int64 range once overflowed `days * 86_400` in `CivilTime`.
@Suite(.timeLimit(.minutes(10))) struct TimestampFormattingExtremesTests {
    @Test(arguments: TimestampArithmeticTests.extremes + [Int64.min + 86_399, Int64.min + 86_400])
    func everyInstantFormats(seconds: Int64) {
        let civil = CivilTime(Timestamp(seconds: seconds))
        #expect((0..<24).contains(civil.hour) && (0..<60).contains(civil.minute) && (0..<60).contains(civil.second))
        #expect(!Timestamp(seconds: seconds).iso8601.isEmpty)
    }
}
