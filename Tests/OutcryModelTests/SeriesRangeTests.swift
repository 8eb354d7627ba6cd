import OutcryModel
import Testing

/// The one series range rule behind `outcry series` and `GET /v1/services/{slug}/series`: defaults, the
/// bucket limit, each front end's words, and no trap on any time.
@Suite(.timeLimit(.minutes(10))) struct SeriesRangeTests {
    static let now = Timestamp(seconds: 1_709_650_800)  // 2024-03-05T15:00:00Z
    static let bounds = QueryTime.earliest...QueryTime.latest

    @Test func fillsADayEndingAtTheDefaultEnd() throws {
        let day = try SeriesRange.resolve(
            from: nil, to: nil, defaultEnd: Self.now, bucketSeconds: 900, maximumBuckets: 10_000)
        #expect(day.from == Self.now.adding(seconds: -86_400) && day.to == Self.now)
        let given = try SeriesRange.resolve(
            from: Self.now.adding(seconds: -3600), to: nil, defaultEnd: Self.now, bucketSeconds: 60, maximumBuckets: 60)
        #expect(given.from == Self.now.adding(seconds: -3600) && given.to == Self.now)
    }

    @Test func theAPIsBoundsClampTheDefaultsOnly() throws {
        // A clock far past 2100 ends the API's range at 2100; the CLI takes the clock as it is.
        let late = Timestamp(seconds: QueryTime.latest.seconds + 1_000_000)
        let api = try SeriesRange.resolve(
            from: nil, to: nil, defaultEnd: late, bucketSeconds: 900, maximumBuckets: 10_000, bounds: Self.bounds)
        #expect(api.to == QueryTime.latest)
        let cli = try SeriesRange.resolve(
            from: nil, to: nil, defaultEnd: late, bucketSeconds: 900, maximumBuckets: 10_000)
        #expect(cli.to == late)
        // Early in 1970 the API's default start stops at the epoch.
        let early = try SeriesRange.resolve(
            from: nil, to: Timestamp(seconds: 3600), defaultEnd: Self.now, bucketSeconds: 60, maximumBuckets: 10_000,
            bounds: Self.bounds)
        #expect(early.from == QueryTime.earliest)
    }

    @Test func refusesEmptyAndOverlongRanges() {
        #expect(throws: SeriesRangeError.empty) {
            try SeriesRange.resolve(
                from: Self.now, to: Self.now, defaultEnd: Self.now, bucketSeconds: 60, maximumBuckets: 10)
        }
        #expect(throws: SeriesRangeError.tooManyBuckets(limit: 10)) {
            try SeriesRange.resolve(
                from: Self.now.adding(seconds: -660), to: Self.now, defaultEnd: Self.now, bucketSeconds: 60,
                maximumBuckets: 10)
        }
        // Exactly the limit is allowed.
        #expect(throws: Never.self) {
            try SeriesRange.resolve(
                from: Self.now.adding(seconds: -600), to: Self.now, defaultEnd: Self.now, bucketSeconds: 60,
                maximumBuckets: 10)
        }
    }

    @Test func eachFrontEndNamesItsOwnParameters() {
        let empty = SeriesRangeError.empty
        #expect(empty.message(from: "from", to: "to", bucket: "bucket", bucketLabel: "15m") == "from must be before to")
        #expect(
            empty.message(from: "--from", to: "--to", bucket: "--bucket", bucketLabel: "15m")
                == "--from must be before --to")
        #expect(
            SeriesRangeError.tooManyBuckets(limit: 10_000)
                .message(from: "from", to: "to", bucket: "bucket", bucketLabel: "1m")
                == "the range holds more than 10000 buckets of 1m; use a wider bucket or a shorter range")
        #expect(!empty.isAboutBucket && SeriesRangeError.tooManyBuckets(limit: 1).isAboutBucket)
    }

    /// Every combination of extreme times: an answer that keeps the rule, or an error; never a trap.
    @Test func extremeTimesNeverTrap() {
        let times: [Int64?] = [
            nil, .min, .min + 1, -86_401, -1, 0, 1, 86_399, Self.now.seconds, QueryTime.latest.seconds, .max - 1, .max,
        ]
        for from in times {
            for to in times {
                for end in [Int64.min, 0, Self.now.seconds, Int64.max] {
                    for bucket in SeriesBucket.allCases {
                        for bounds in [nil, Self.bounds] {
                            let range = try? SeriesRange.resolve(
                                from: from.map(Timestamp.init(seconds:)), to: to.map(Timestamp.init(seconds:)),
                                defaultEnd: Timestamp(seconds: end), bucketSeconds: bucket.seconds,
                                maximumBuckets: 1_000_000, bounds: bounds)
                            guard let range else { continue }
                            #expect(range.from < range.to)
                            let span = range.to.seconds.subtractingReportingOverflow(range.from.seconds)
                            #expect(!span.overflow && span.partialValue / bucket.seconds <= 1_000_000)
                            if let from { #expect(range.from.seconds == from) }
                            if let to { #expect(range.to.seconds == to) }
                        }
                    }
                }
            }
        }
    }

    /// Within the API's bounds (from a day after the epoch on) both front ends resolve a range the same way.
    @Test func bothFrontEndsAgreeWithinTheAPIsBounds() throws {
        let times: [Int64?] = [
            nil, 86_400, 90_000, Self.now.seconds - 7 * 86_400, Self.now.seconds, QueryTime.latest.seconds,
        ]
        for from in times.map({ $0.map(Timestamp.init(seconds:)) }) {
            for to in times.map({ $0.map(Timestamp.init(seconds:)) }) {
                let cli = try? SeriesRange.resolve(
                    from: from, to: to, defaultEnd: Self.now, bucketSeconds: 900, maximumBuckets: 10_000)
                let query = SeriesQuery(bucket: .fifteenMinutes, from: from, to: to)
                let api = try? query.range(defaultEnd: Self.now)
                let label = "\(String(describing: from))…\(String(describing: to))"
                #expect(cli?.from == api?.from && cli?.to == api?.to, "\(label)")
            }
        }
    }
}
