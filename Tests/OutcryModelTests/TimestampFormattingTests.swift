import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Timestamp+Formatting.swift and Duration+Units.swift: the one place times and durations become text and
/// numbers. Every renderer, exporter and message relies on these exact forms.
@Suite(.timeLimit(.minutes(10))) struct TimestampFormattingTests {
    /// Two digits, independently of the code under test.
    static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    @Test func writesISO8601AsBytesAndAsTextAlike() throws {
        var generator = SplitMix64(seed: 11)
        let fixed: [Int64] = [0, -1, 59, 86_399, 951_782_400, 1_709_650_800, 253_402_300_799, -62_167_219_200]
        let random = (0..<5_000).map { _ in Int64.random(in: -70_000_000_000...300_000_000_000, using: &generator) }
        for seconds in fixed + random {
            let time = Timestamp(seconds: seconds)
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            time.appendISO8601(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + time.iso8601)
            let civil = CivilTime(time)
            let expected =
                "\(civil.iso8601Date)T\(Self.two(civil.hour)):\(Self.two(civil.minute)):"
                + "\(Self.two(civil.second))Z"
            #expect(time.iso8601 == expected)
            if (0...9999).contains(civil.year) {
                #expect(try #require(Timestamp(iso8601: time.iso8601)) == time, "\(time.iso8601)")
            }
        }
    }

    /// Before one writer existed, `CivilTime` wrote year -5 as `00-5` while the export writer wrote `-0005`.
    @Test func writesYearsOutsideFourDigitsWithSignAndAllDigits() {
        #expect(CivilTime(year: -5, month: 1, day: 2, hour: 3).timestamp.iso8601 == "-0005-01-02T03:00:00Z")
        #expect(CivilTime(year: 0, month: 12, day: 31).timestamp.iso8601 == "0000-12-31T00:00:00Z")
        #expect(CivilTime(year: 12_345, month: 6, day: 7).timestamp.iso8601 == "12345-06-07T00:00:00Z")
        #expect(CivilTime(year: 987, month: 6, day: 7).iso8601Date == "0987-06-07")
        #expect(Timestamp.distantPast.iso8601.hasPrefix("-"))
        #expect(Timestamp.distantFuture.iso8601.hasSuffix("Z"))
    }

    @Test func writesHourAndMinuteOfTheUTCDay() {
        #expect(Timestamp(seconds: 0).hourMinute == "00:00")
        #expect(Timestamp(seconds: 1_709_651_523).hourMinute == "15:12")
        #expect(Timestamp(seconds: -60).hourMinute == "23:59")
        var generator = SplitMix64(seed: 12)
        for _ in 0..<5_000 {
            let seconds = Int64.random(in: -5_000_000_000...5_000_000_000, using: &generator)
            let secondOfDay = seconds.modulo(86_400)
            let expected = "\(Self.two(secondOfDay / 3600)):\(Self.two(secondOfDay % 3600 / 60))"
            #expect(Timestamp(seconds: seconds).hourMinute == expected)
            #expect(CivilTime(Timestamp(seconds: seconds)).hourMinute == expected)
        }
    }

    @Test func writesTheBasicMinuteFormOfIncidentIDs() {
        #expect(Timestamp(seconds: 1_709_652_660).iso8601BasicMinute == "20240305T1531Z")
        #expect(Timestamp(seconds: 59).iso8601BasicMinute == "19700101T0000Z")
        #expect(Timestamp(seconds: -1).iso8601BasicMinute == "19691231T2359Z")
    }

    @Test func writesEmailDatesInEnglishAndUTC() {
        #expect(Timestamp(seconds: 1_709_651_523).rfc5322 == "Tue, 05 Mar 2024 15:12:03 +0000")
        let saturday = CivilTime(year: 2026, month: 12, day: 5, hour: 12).timestamp
        #expect(saturday.rfc5322 == "Sat, 05 Dec 2026 12:00:00 +0000")
        #expect(Timestamp(seconds: 0).rfc5322 == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(
            (1...12).map { CivilTime(year: 2024, month: $0, day: 1).monthAbbreviation }
                == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
    }

    @Test func saysOneThingAboutTextThatIsNotATime() {
        #expect(
            Timestamp.notATimeMessage("yesterday")
                == "\"yesterday\" is not a time; use ISO 8601 such as 2024-03-05T15:12:03Z, or epoch seconds")
        #expect(
            Timestamp.notATimeMessage("soon", acceptsEpochSeconds: false)
                == "\"soon\" is not a time; use ISO 8601 such as 2024-03-05T15:12:03Z")
        #expect(Timestamp.notATimeMessage("x").hasSuffix(Timestamp.acceptedForms))
    }

    @Test func convertsDurationsToWholeNanosecondsWithoutTrapping() {
        #expect(Duration.zero.wholeNanoseconds == 0)
        #expect(Duration.milliseconds(1500).wholeNanoseconds == 1_500_000_000)
        #expect(Duration.nanoseconds(-7).wholeNanoseconds == -7)
        #expect(Duration.milliseconds(-1500).wholeNanoseconds == -1_500_000_000)
        #expect(Duration.seconds(Int64.max).wholeNanoseconds == .max)
        #expect(Duration.seconds(Int64.min).wholeNanoseconds == .min)
        // The seconds fit in Int64 nanoseconds but the fraction pushes the sum over: the old copies trapped here.
        #expect((Duration.seconds(9_223_372_036) + .nanoseconds(999_999_999)).wholeNanoseconds == .max)
        #expect((Duration.seconds(-9_223_372_036) - .nanoseconds(999_999_999)).wholeNanoseconds == .min)
        var generator = SplitMix64(seed: 13)
        for _ in 0..<5_000 {
            let nanoseconds = Int64.random(
                in: -9_000_000_000_000_000_000...9_000_000_000_000_000_000,
                using: &generator)
            #expect(Duration.nanoseconds(nanoseconds).wholeNanoseconds == nanoseconds)
        }
    }

    @Test func convertsDurationsToSecondsAndText() {
        #expect(Duration.milliseconds(2500).inSeconds == 2.5)
        #expect(Duration.seconds(-3).inSeconds == -3)
        #expect(Duration.milliseconds(200).humanReadable == "200 ms")
        #expect(Duration.seconds(10).humanReadable == "10 s")
        #expect(Duration.milliseconds(1500).humanReadable == "1500 ms")
    }
}
