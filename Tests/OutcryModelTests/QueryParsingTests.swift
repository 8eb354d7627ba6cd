import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The query-string parsers every route uses: bounded splitting and decoding, allow-lists, and no trap on any
/// input (huge, negative, overflowing, garbled).
@Suite(.timeLimit(.minutes(10))) struct QueryParsingTests {
    static let now = Timestamp(seconds: 1_709_650_800)  // 2024-03-05T15:00:00Z

    static func parameters(_ raw: String) throws -> QueryParameters { try QueryParameters(rawQuery: raw) }

    // MARK: Splitting and decoding

    @Test func splitsAndPercentDecodes() throws {
        let parameters = try Self.parameters("region=us-ca&from=2024-03-05T12%3A00%3A00Z&comment=a+b%20c&flag&=x")
        #expect(try parameters.value("region") == "us-ca")
        #expect(try parameters.value("from") == "2024-03-05T12:00:00Z")
        #expect(try parameters.value("comment") == "a b c")
        #expect(try parameters.value("flag") == nil)
        #expect(try parameters.value("missing") == nil)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a=%C3%28", "%FF=1", "a=%%41"])
    func refusesBrokenPercentEncoding(_ raw: String) {
        #expect(throws: QueryParameterError.self) { try Self.parameters(raw) }
    }

    @Test func boundsLengthAndCount() throws {
        let long = "bucket=" + String(repeating: "9", count: QueryParameters.maximumBytes)
        let error = #expect(throws: QueryParameterError.self) { try Self.parameters(long) }
        #expect(error?.isTooLong == true && error?.field == "query")
        let many = (0...QueryParameters.maximumCount).map { "p\($0)=1" }.joined(separator: "&")
        #expect(throws: QueryParameterError.self) { try Self.parameters(many) }
        let fine = (1...QueryParameters.maximumCount).map { "p\($0)=1" }.joined(separator: "&")
        #expect(try Self.parameters(fine).pairs.count == QueryParameters.maximumCount)
    }

    @Test func refusesARepeatedParameter() throws {
        let error = #expect(throws: QueryParameterError.self) {
            try SeriesQuery.parse(Self.parameters("bucket=1m&bucket=60m"))
        }
        #expect(error?.field == "bucket")
    }

    // MARK: The series query

    /// The reproduction of issue #10: this bucket used to be multiplied by 60 and trap.
    @Test(arguments: [
        "9223372036854775807", "-9223372036854775808", "153722867280912931", "0", "-1", "7m", "1d", "15", "1e3", "15m ",
    ])
    func bucketIsAnAllowList(_ text: String) throws {
        let error = #expect(throws: QueryParameterError.self) {
            try SeriesQuery.parse(Self.parameters("bucket=\(text.replacingOccurrences(of: " ", with: "+"))"))
        }
        #expect(error?.field == "bucket")
        #expect(error?.message.contains("use 1m, 5m, 15m or 60m") == true)
    }

    @Test func bucketLabelsRoundTrip() throws {
        for bucket in SeriesBucket.allCases {
            #expect(SeriesBucket(label: bucket.label) == bucket)
            #expect(try SeriesQuery.parse(Self.parameters("bucket=\(bucket.label)")).bucket == bucket)
        }
        #expect(SeriesBucket(label: "1H") == .oneHour)
        #expect(try SeriesQuery.parse(Self.parameters("")) == SeriesQuery())
    }

    @Test(arguments: [
        ("from", "99999999999999999999"), ("from", "-5"), ("to", "4102444801"), ("from", "0001-01-01T00:00:00Z"),
        ("to", "2024-13-05T00:00:00Z"), ("from", "yesterday"), ("to", String(repeating: "1", count: 500)),
    ])
    func timesAreBounded(_ field: String, _ text: String) throws {
        let error = #expect(throws: QueryParameterError.self) {
            try SeriesQuery.parse(Self.parameters("\(field)=\(text)"))
        }
        #expect(error?.field == field)
    }

    @Test func seriesRangeIsCheckedWithoutOverflow() throws {
        let wide = try Self.parameters("bucket=1m&from=0&to=4102444800")
        let error = #expect(throws: QueryParameterError.self) { try SeriesQuery.parse(wide) }
        #expect(error?.field == "bucket")
        let backwards = try Self.parameters("from=2024-03-05T15:00:00Z&to=2024-03-05T14:00:00Z")
        #expect((#expect(throws: QueryParameterError.self) { try SeriesQuery.parse(backwards) })?.field == "from")
        let day = try SeriesQuery.parse(Self.parameters("")).range(defaultEnd: Self.now)
        #expect(day.to == Self.now && day.from == Timestamp(seconds: Self.now.seconds - 86_400))
        // A default end far outside the range (a broken clock) is clamped, never overflowed.
        for end in [Int64.min, Int64.max, -1, 0] {
            _ = try? SeriesQuery().range(defaultEnd: Timestamp(seconds: end))
        }
    }

    // MARK: The incident list query

    @Test func incidentListParsesEveryFilter() throws {
        let query = try IncidentListQuery.parse(
            Self.parameters(
                "active=true&service=whatsapp&group=meta&region=US&since=2024-03-01T00:00:00Z&until=1709650800&limit=7"),
            paged: true)
        #expect(query.activeOnly && query.service?.rawValue == "whatsapp" && query.group == "meta")
        #expect(query.region?.code == "US" && query.limit == 7 && query.cursor == nil)
        #expect(query.until == Self.now)
    }

    @Test(arguments: [
        ("active", "yes"), ("active", "TRUE"), ("active", "2"), ("limit", "0"), ("limit", "501"), ("limit", "-1"),
        ("limit", "9223372036854775808"), ("limit", "1.5"), ("limit", "ten"), ("service", "WhatsApp"),
        ("group", "a%20b"), ("region", "XX"), ("region", String(repeating: "U", count: 300)), ("cursor", "zz"),
        ("cursor", "69313a"), ("since", "-1"),
    ])
    func incidentListRefusesOutOfSchemaValues(_ field: String, _ text: String) throws {
        let error = #expect(throws: QueryParameterError.self) {
            try IncidentListQuery.parse(Self.parameters("\(field)=\(text)"), paged: true)
        }
        #expect(error?.field == field)
    }

    @Test func untilBeforeSinceIsRefused() throws {
        let parameters = try Self.parameters("since=2024-03-05T00:00:00Z&until=2024-03-04T00:00:00Z")
        #expect(
            (#expect(throws: QueryParameterError.self) { try IncidentListQuery.parse(parameters, paged: false) })?.field
                == "until")
    }

    @Test func booleansAreStrict() throws {
        #expect(try ReportsQuery.parse(Self.parameters("partial=1")).partial)
        #expect(try ReportsQuery.parse(Self.parameters("partial=false")).partial == false)
        #expect(throws: QueryParameterError.self) { try ReportsQuery.parse(Self.parameters("partial=on")) }
    }

    // MARK: Cursors

    @Test func cursorsRoundTrip() throws {
        var generator = SplitMix64(seed: 0xC0_25_0E)
        let idAlphabet = Array("abcXYZ019-/:_.é😀".unicodeScalars)
        for _ in 0..<500 {
            let seconds = Int64(generator.int(-100_000_000_000...100_000_000_000))
            let id = String(
                String.UnicodeScalarView((0..<generator.int(1...40)).map { _ in generator.pick(idAlphabet) }))
            let cursor = IncidentCursor(startedAt: Timestamp(seconds: seconds), id: id)
            #expect(try IncidentCursor.parse(cursor.token) == cursor)
            let parsed = try IncidentListQuery.parse(Self.parameters("cursor=\(cursor.token)"), paged: true)
            #expect(parsed.cursor == cursor)
        }
    }

    @Test func garbledCursorsAreRefused() {
        var generator = SplitMix64(seed: 0xBAD_C0)
        let token = IncidentCursor(startedAt: Self.now, id: "whatsapp/US/2024-03-05T14:00:00Z").token
        for _ in 0..<500 {
            var bytes = Array(token.utf8)
            for _ in 0..<generator.int(1...4) {
                bytes[generator.int(0...(bytes.count - 1))] = generator.pick(Array("0123456789abcdefXZ-%".utf8))
            }
            let text = String(decoding: bytes.prefix(generator.int(0...bytes.count)), as: UTF8.self)
            do {
                let cursor = try IncidentCursor.parse(text)
                // Any cursor accepted re-encodes to the same token.
                #expect(cursor.token == text)
            } catch {
                #expect(error.field == "cursor")
            }
        }
    }

    // MARK: Never a trap

    /// Random and hostile query strings through every route's parser (the fuzzing entry point).
    @Test func randomQueriesNeverTrap() {
        var generator = SplitMix64(seed: 0x0E7_F00D)
        let names = [
            "bucket", "from", "to", "region", "since", "until", "active", "partial", "limit", "cursor", "service",
            "group", "x",
        ]
        let values = [
            "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e308", "-0", "NaN", "0x10", "",
            "15m", "1h", "60m", "true", "%00", "%", "%F0%9F%98", "2024-03-05T15:00:00Z", "4102444800", "-62135596800",
            "9999-12-31T23:59:59Z", "US", "global", "whatsapp", String(repeating: "9", count: 1_000), "%2B%26%3D",
            IncidentCursor(startedAt: Self.now, id: "x").token,
        ]
        for _ in 0..<3_000 {
            var pieces: [String] = []
            for _ in 0..<generator.int(0...12) {
                if generator.chance(0.1) {
                    pieces.append(
                        String(
                            decoding: (0..<generator.int(0...30)).map { _ in UInt8(generator.int(1...255)) },
                            as: UTF8.self))
                } else {
                    pieces.append("\(generator.pick(names))=\(generator.pick(values))")
                }
            }
            let now = generator.chance(0.1) ? Timestamp(seconds: Int64(bitPattern: generator.next())) : Self.now
            RouteQueries.parseAll(rawQuery: pieces.joined(separator: "&"), now: now)
        }
        RouteQueries.parseAll(rawQuery: String(repeating: "a=1&", count: 100_000), now: Self.now)
    }
}
