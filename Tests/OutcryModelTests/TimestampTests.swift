import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct TimestampTests {
    /// A slow calendar written independently of ``CivilTime``: walk year by year, then month by month.
    enum SlowCalendar {
        static func isLeap(_ year: Int64) -> Bool {
            if year % 400 == 0 { return true }
            if year % 100 == 0 { return false }
            return year % 4 == 0
        }

        static func monthLengths(_ year: Int64) -> [Int64] {
            [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        }

        /// (year, month, day, hour, minute, second) of `seconds` since 1970 in UTC.
        static func civil(_ seconds: Int64) -> [Int64] {
            var days = seconds / 86_400
            var rest = seconds % 86_400
            if rest < 0 {
                rest += 86_400
                days -= 1
            }
            var year: Int64 = 1970
            while days < 0 {
                year -= 1
                days += isLeap(year) ? 366 : 365
            }
            while days >= (isLeap(year) ? 366 : 365) {
                days -= isLeap(year) ? 366 : 365
                year += 1
            }
            var month: Int64 = 1
            for length in monthLengths(year) {
                if days < length { break }
                days -= length
                month += 1
            }
            return [year, month, days + 1, rest / 3600, rest % 3600 / 60, rest % 60]
        }
    }

    static let from1900 = CivilTime(year: 1900, month: 1, day: 1).timestamp.seconds
    static let to2400 = CivilTime(year: 2400, month: 12, day: 31, hour: 23, minute: 59, second: 59).timestamp.seconds

    @Test func agreesWithASlowCalendarAndRoundTripsFrom1900To2400() throws {
        #expect(Self.from1900 == -2_208_988_800)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let seconds = Int64.random(in: Self.from1900...Self.to2400, using: &generator)
            let civil = CivilTime(Timestamp(seconds: seconds))
            #expect(
                [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second]
                    == SlowCalendar.civil(seconds))
            #expect(civil.timestamp.seconds == seconds)
            let text = Timestamp(seconds: seconds).iso8601
            #expect(try #require(Timestamp(iso8601: text)).seconds == seconds, "\(text)")
        }
    }

    @Test func formatsWithZerosAndZ() {
        #expect(Timestamp(seconds: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(seconds: 1_709_651_523).description == "2024-03-05T15:12:03Z")
        #expect(Timestamp(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: [
        ("2024-03-05T15:12:03Z", "2024-03-05T15:12:03Z"),
        ("2024-03-05t15:12:03z", "2024-03-05T15:12:03Z"),
        ("2024-03-05 15:12:03Z", "2024-03-05T15:12:03Z"),
        ("2024-03-05T15:12:03", "2024-03-05T15:12:03Z"),
        ("2024-03-05T17:12:03+02:00", "2024-03-05T15:12:03Z"),
        ("2024-03-05T09:42:03-0530", "2024-03-05T15:12:03Z"),
        ("2024-03-05T20:12:03+05", "2024-03-05T15:12:03Z"),
        ("2024-03-05T15:12:03.987654Z", "2024-03-05T15:12:03Z"),
        ("2024-03-05T15:12:03,5+00:00", "2024-03-05T15:12:03Z"),
        ("2024-03-05T15:12Z", "2024-03-05T15:12:00Z"),
        ("2024-03-05", "2024-03-05T00:00:00Z"),
        ("2024-03-06T00:30:00+01:00", "2024-03-05T23:30:00Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
    ])
    func parsesISO8601Forms(_ text: String, _ expected: String) throws {
        #expect(try #require(Timestamp(iso8601: text)).iso8601 == expected)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-03-05T24:00:00Z", "2024-03-05T23:60:00Z",
        "2024-03-05T23:59:61Z", "2024-3-5", "24-03-05", "2024-03-05T", "2024-03-05T15", "2024-03-05T15:12:03.Z",
        "2024-03-05T15:12:03+2", "2024-03-05T15:12:03+24:00", "2024-03-05T15:12:03Z junk", "", "now", "1709651523",
    ])
    func refusesInvalidTimes(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func knowsLeapYears() {
        for year in Int64(1600)...2800 {
            #expect(CivilTime.isLeap(year) == SlowCalendar.isLeap(year))
            #expect((Timestamp(iso8601: "\(year)-02-29") != nil) == SlowCalendar.isLeap(year), "\(year)")
            #expect(CivilTime.daysIn(month: 2, year: year) == (SlowCalendar.isLeap(year) ? 29 : 28))
        }
    }

    @Test func floorsMinutesAndBucketsBeforeTheEpoch() {
        #expect(Timestamp(seconds: -1).epochMinute == -1)
        #expect(Timestamp(seconds: -60).epochMinute == -1)
        #expect(Timestamp(seconds: -61).epochMinute == -2)
        #expect(Timestamp(seconds: 59).epochMinute == 0)
        #expect(Timestamp(seconds: -1).bucketStart(width: 900).seconds == -900)
        var generator = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let seconds = Int64.random(in: -5_000_000_000...5_000_000_000, using: &generator)
            let width = generator.pick([60, 300, 900, 3600, 86_400] as [Int64])
            let start = Timestamp(seconds: seconds).bucketStart(width: width).seconds
            #expect(start <= seconds && seconds < start + width)
            #expect(start % width == 0)
            let minute = Timestamp(seconds: seconds).epochMinute
            #expect(minute * 60 <= seconds && seconds < minute * 60 + 60)
        }
    }

    @Test func addsAndCompares() {
        let time = Timestamp(seconds: 1000)
        #expect(time.adding(seconds: 5).seconds == 1005)
        #expect(time.adding(minutes: -2).seconds == 880)
        #expect(time < time.adding(seconds: 1))
        #expect(floorDiv(-7, 2) == -4)
        #expect(floorDiv(7, -2) == -4)
        #expect(floorDiv(-8, 2) == -4)
        #expect(Int64(-8).modulo(7) == 6)
    }

    @Test func knowsWeekdays() {
        #expect(CivilTime(year: 1970, month: 1, day: 1).weekday == 3)  // a Thursday
        #expect(CivilTime(year: 2024, month: 3, day: 5).weekday == 1)  // a Tuesday
        #expect(CivilTime(year: 2000, month: 1, day: 2).weekday == 6)  // a Sunday
        #expect(CivilTime(year: 1969, month: 12, day: 29).weekday == 0)  // a Monday
    }
}
