package import OutcryModel
package import OutcryStore
import PostgresNIO

extension PostgresStore: CountStorage {
    package func bucketCounts(
        service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth
    ) throws(StoreError) -> [BucketCount] {
        let first = from.bucketStart(width: width.rawValue)
        guard to > first else { return [] }
        let minutes = width.rawValue / 60
        let rows = try session.query(
            """
            SELECT m.minute - (((m.minute % \(minutes)) + \(minutes)) % \(minutes)) AS bucket,
                   SUM(m.counted)::bigint, SUM(m.duplicates)::bigint, SUM(m.anonymous)::bigint
            FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = \(service.rawValue) AND m.minute >= \(first.epochMinute)
              AND m.minute < \(Timestamp(seconds: to.seconds + 59).epochMinute)
              AND (\(region.isGlobal) OR m.region = \(region.code) OR m.region LIKE \(region.code) || '-%')
            GROUP BY bucket ORDER BY bucket
            """, "reading counts of \(service.rawValue)")
        var byBucket: [Int64: BucketCount] = [:]
        for row in rows {
            let (bucket, counted, duplicates, anonymous) = try row.columns(
                (Int64, Int64, Int64, Int64).self, "bucket count")
            let start = Timestamp(seconds: bucket * 60)
            byBucket[start.seconds] = BucketCount(
                start: start, counted: Int(counted), duplicates: Int(duplicates), anonymous: Int(anonymous))
        }
        return stride(from: first.seconds, to: to.seconds, by: Int(width.rawValue)).map {
            byBucket[$0] ?? BucketCount(start: Timestamp(seconds: $0))
        }
    }

    package func problemShares(service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp) throws(StoreError)
        -> [ProblemShare]
    {
        let rows = try session.query(
            """
            SELECT m.problem, SUM(m.counted)::bigint FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = \(service.rawValue) AND m.minute >= \(from.epochMinute)
              AND m.minute < \(Timestamp(seconds: to.seconds + 59).epochMinute)
              AND (\(region.isGlobal) OR m.region = \(region.code) OR m.region LIKE \(region.code) || '-%')
            GROUP BY m.problem
            """, "reading problem kinds of \(service.rawValue)")
        var totals: [(ProblemKind, Int)] = []
        for row in rows {
            let (problem, counted) = try row.columns((String, Int64).self, "problem total")
            if let kind = ProblemKind(rawValue: problem) { totals.append((kind, Int(counted))) }
        }
        return OutcryDatabase.shares(of: totals)
    }

    package func regionTotals(service: ServiceSlug, from: Timestamp, to: Timestamp) throws(StoreError)
        -> [(region: Region, counted: Int)]
    {
        let rows = try session.query(
            """
            SELECT m.region, SUM(m.counted)::bigint AS total FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = \(service.rawValue) AND m.minute >= \(from.epochMinute)
              AND m.minute < \(Timestamp(seconds: to.seconds + 59).epochMinute)
            GROUP BY m.region HAVING SUM(m.counted) > 0 ORDER BY total DESC, m.region COLLATE "C"
            """, "reading region totals of \(service.rawValue)")
        var totals: [(region: Region, counted: Int)] = []
        for row in rows {
            let (code, counted) = try row.columns((String, Int64).self, "region total")
            if let region = try? Region.parseAllowingGlobal(code) { totals.append((region, Int(counted))) }
        }
        return totals
    }

    package func distinctReporters(
        service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth
    ) throws(StoreError) -> [(start: Timestamp, reporters: Int)] {
        let first = from.bucketStart(width: width.rawValue)
        guard to > first else { return [] }
        let seconds = width.rawValue
        let rows = try session.query(
            """
            SELECT r.at - (((r.at % \(seconds)) + \(seconds)) % \(seconds)) AS bucket, COUNT(DISTINCT r.reporter)
            FROM report r JOIN service s ON s.id = r.service_id
            WHERE s.slug = \(service.rawValue) AND r.at >= \(first.seconds) AND r.at < \(to.seconds)
              AND r.reporter IS NOT NULL
              AND (\(region.isGlobal) OR r.region = \(region.code) OR r.region LIKE \(region.code) || '-%')
            GROUP BY bucket ORDER BY bucket
            """, "counting distinct reporters of \(service.rawValue)")
        var byBucket: [Int64: Int] = [:]
        for row in rows {
            let (bucket, reporters) = try row.columns((Int64, Int64).self, "distinct reporters")
            byBucket[bucket] = Int(reporters)
        }
        return stride(from: first.seconds, to: to.seconds, by: Int(width.rawValue)).map {
            (Timestamp(seconds: $0), byBucket[$0] ?? 0)
        }
    }

    package func forEachMinuteCount(
        fromMinute: Int64, toMinute: Int64, _ body: (StoredMinuteCount) throws -> Void
    ) throws(StoreError) {
        let rows = try session.query(
            """
            SELECT m.minute, s.slug, m.region, m.problem, m.counted, m.duplicates, m.anonymous, m.largest_relay
            FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE m.minute >= \(fromMinute) AND m.minute < \(toMinute) ORDER BY m.minute
            """, "reading minute counts")
        var slugs: [String: ServiceSlug] = [:]
        var regions: [String: Region] = [:]
        try StoreError.postgresCatching("minute count") {
            for row in rows {
                let (minute, slugText, regionText, problemText, counted, duplicates, anonymous, largest) =
                    try row.columns((Int64, String, String, String, Int64, Int64, Int64, Int64).self, "minute count")
                let region = try regions[regionText] ?? Region.parseAllowingGlobal(regionText)
                guard let slug = slugs[slugText] ?? ServiceSlug(rawValue: slugText),
                    let problem = ProblemKind(rawValue: problemText)
                else { throw StoreError.invalidStoredValue("minute count row") }
                slugs[slugText] = slug
                regions[regionText] = region
                try body(
                    StoredMinuteCount(
                        minute: minute, service: slug, region: region, problem: problem, counted: Int(counted),
                        duplicates: Int(duplicates), anonymous: Int(anonymous), largestRelay: Int(largest)))
            }
        }
    }

    package func minuteRange() throws(StoreError) -> ClosedRange<Int64>? {
        guard
            let row = try session.query("SELECT MIN(minute), MAX(minute) FROM minute_count", "reading the minute range")
                .first
        else { return nil }
        let (low, high) = try row.columns((Int64?, Int64?).self, "minute range")
        guard let low, let high, low <= high else { return nil }
        return low...high
    }

    package func reportTotals() throws(StoreError) -> IngestSummary {
        guard
            let row = try session.query(
                """
                SELECT COUNT(*), COUNT(*) FILTER (WHERE counted), COUNT(*) FILTER (WHERE reporter IS NULL) FROM report
                """, "counting reports"
            ).first
        else { return IngestSummary() }
        let (stored, counted, anonymous) = try row.columns((Int64, Int64, Int64).self, "report totals")
        return IngestSummary(
            stored: Int(stored), counted: Int(counted), duplicates: Int(stored - counted), anonymous: Int(anonymous))
    }
}
