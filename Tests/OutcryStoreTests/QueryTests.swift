import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct QueryTests {
    let whatsapp = ServiceSlug(rawValue: "whatsapp")!

    /// One report per minute for 120 minutes: US on even minutes, US-CA on minutes divisible by 3, DE otherwise.
    func seeded() throws -> OutcryDatabase {
        let database = try OutcryDatabase.inMemory()
        let writer = try ReportWriter(database: database)
        let reports = (0..<120).map { minute -> Report in
            let region = minute % 2 == 0 ? "US" : (minute % 3 == 0 ? "US-CA" : "DE")
            return .fixture(
                region: region, problem: minute % 4 == 0 ? .login : .app,
                at: Instants.outageAfternoon.adding(minutes: Int64(minute)).adding(seconds: 7), reporter: "r\(minute)"
            )
        }
        try writer.write(reports, receivedAt: Instants.outageAfternoon)
        return database
    }

    @Test(arguments: BucketWidth.allCases)
    func bucketsCoverTheRangeAndSumToTheTotal(width: BucketWidth) throws {
        let database = try seeded()
        let from = Instants.outageAfternoon
        let to = from.adding(minutes: 120)
        let buckets = try database.bucketCounts(service: whatsapp, region: .global, from: from, to: to, width: width)
        #expect(buckets.count == Int(7200 / width.rawValue))
        #expect(buckets.reduce(0) { $0 + $1.counted } == 120)
        for (index, bucket) in buckets.enumerated() {
            #expect(bucket.start.seconds == from.seconds + Int64(index) * width.rawValue)
            #expect(bucket.counted == Int(width.rawValue / 60))
        }
    }

    @Test func countryIncludesItsSubdivisions() throws {
        let database = try seeded()
        let from = Instants.outageAfternoon
        let to = from.adding(minutes: 120)
        func total(_ code: String) throws -> Int {
            try database.bucketCounts(
                service: whatsapp, region: try Region.parseAllowingGlobal(code), from: from, to: to, width: .oneHour
            ).reduce(0) { $0 + $1.counted }
        }
        let evens = 60
        let divisibleByThreeOdd = (0..<120).filter { $0 % 2 == 1 && $0 % 3 == 0 }.count
        #expect(try total("US-CA") == divisibleByThreeOdd)
        #expect(try total("US") == evens + divisibleByThreeOdd)
        #expect(try total("DE") == 120 - evens - divisibleByThreeOdd)
    }

    @Test func problemSharesAddUpAndAreSorted() throws {
        let database = try seeded()
        let shares = try database.problemShares(
            service: whatsapp, region: .global, from: Instants.outageAfternoon,
            to: Instants.outageAfternoon.adding(minutes: 120)
        )
        #expect(shares.map(\.problem) == [.app, .login])
        #expect(abs(shares.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(abs(shares[1].share - 0.25) < 1e-9)
    }

    @Test func bucketsBeforeTheEpochAreFloored() throws {
        let stamp = Timestamp(seconds: -1)
        #expect(stamp.bucketStart(width: 900).seconds == -900)
        #expect(stamp.epochMinute == -1)
    }
}
