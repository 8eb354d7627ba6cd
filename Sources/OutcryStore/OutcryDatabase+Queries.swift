package import OutcryModel

/// Report counts in one time bucket.
package struct BucketCount: Sendable, Equatable, Codable {
    /// Start of the bucket (inclusive).
    package var start: Timestamp
    package var counted: Int
    package var duplicates: Int
    package var anonymous: Int

    package init(start: Timestamp, counted: Int = 0, duplicates: Int = 0, anonymous: Int = 0) {
        self.start = start
        self.counted = counted
        self.duplicates = duplicates
        self.anonymous = anonymous
    }
}

/// One stored row of per-minute counts, as the detector consumes them.
package struct StoredMinuteCount: Sendable, Equatable {
    package var minute: Int64
    package var service: ServiceSlug
    package var region: Region
    package var problem: ProblemKind
    package var counted: Int
    package var duplicates: Int
    package var anonymous: Int
    /// Counted reports of the single relay token that sent the most of them in this row (0 without relays).
    package var largestRelay: Int = 0

    package init(
        minute: Int64, service: ServiceSlug, region: Region, problem: ProblemKind, counted: Int, duplicates: Int,
        anonymous: Int, largestRelay: Int = 0
    ) {
        self.minute = minute
        self.service = service
        self.region = region
        self.problem = problem
        self.counted = counted
        self.duplicates = duplicates
        self.anonymous = anonymous
        self.largestRelay = largestRelay
    }
}

extension OutcryDatabase {
    /// Counts per bucket for a service in `[from, to)`, for one region or (``Region/global``) all regions.
    /// Every bucket in the range is returned, empty ones with zeros.
    package func bucketCounts(
        service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth
    ) throws(StoreError) -> [BucketCount] {
        let first = from.bucketStart(width: width.rawValue)
        guard to > first else { return [] }
        let minutesPerBucket = width.rawValue / 60
        let sql = """
            SELECT (m.minute - ((m.minute % ?1) + ?1) % ?1) AS bucket,
                   SUM(m.counted), SUM(m.duplicates), SUM(m.anonymous)
            FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = ?2 AND m.minute >= ?3 AND m.minute < ?4 \(region.isGlobal ? "" : "AND (m.region = ?5 OR m.region LIKE ?5 || '-%')")
            GROUP BY bucket ORDER BY bucket
            """
        var byBucket: [Int64: BucketCount] = [:]
        do {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(minutesPerBucket, at: 1)
            try statement.bind(service.rawValue, at: 2)
            try statement.bind(first.epochMinute, at: 3)
            try statement.bind(Timestamp(seconds: to.seconds + 59).epochMinute, at: 4)
            if !region.isGlobal { try statement.bind(region.code, at: 5) }
            while try statement.step() {
                let start = Timestamp(seconds: statement.int64(at: 0) * 60)
                byBucket[start.seconds] = BucketCount(
                    start: start, counted: statement.int(at: 1), duplicates: statement.int(at: 2),
                    anonymous: statement.int(at: 3)
                )
            }
        } catch {
            throw .sqlite(error)
        }
        return stride(from: first.seconds, to: to.seconds, by: Int(width.rawValue)).map {
            byBucket[$0] ?? BucketCount(start: Timestamp(seconds: $0))
        }
    }

    /// The share of each problem kind among counted reports of a service in `[from, to)`, largest first.
    package func problemShares(service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp) throws(StoreError)
        -> [ProblemShare]
    {
        let sql = """
            SELECT m.problem, SUM(m.counted) FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = ?1 AND m.minute >= ?2 AND m.minute < ?3 \(region.isGlobal ? "" : "AND (m.region = ?4 OR m.region LIKE ?4 || '-%')")
            GROUP BY m.problem
            """
        var totals: [(ProblemKind, Int)] = []
        do {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(service.rawValue, at: 1)
            try statement.bind(from.epochMinute, at: 2)
            try statement.bind(Timestamp(seconds: to.seconds + 59).epochMinute, at: 3)
            if !region.isGlobal { try statement.bind(region.code, at: 4) }
            while try statement.step() {
                guard let problem = statement.text(at: 0).flatMap(ProblemKind.init(rawValue:)) else { continue }
                totals.append((problem, statement.int(at: 1)))
            }
        } catch {
            throw .sqlite(error)
        }
        return Self.shares(of: totals)
    }

    /// Each problem kind's share of the counted reports, largest first (kinds without reports left out).
    package static func shares(of totals: [(ProblemKind, Int)]) -> [ProblemShare] {
        let sum = totals.reduce(0) { $0 + $1.1 }
        guard sum > 0 else { return [] }
        return totals.filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map { ProblemShare(problem: $0.0, share: Double($0.1) / Double(sum)) }
    }

    /// Counted reports per region of a service in `[from, to)`, largest first.
    package func regionTotals(service: ServiceSlug, from: Timestamp, to: Timestamp) throws(StoreError) -> [(
        region: Region, counted: Int
    )] {
        let sql = """
            SELECT m.region, SUM(m.counted) AS total FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE s.slug = ?1 AND m.minute >= ?2 AND m.minute < ?3
            GROUP BY m.region HAVING total > 0 ORDER BY total DESC, m.region
            """
        var rows: [(region: Region, counted: Int)] = []
        do {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(service.rawValue, at: 1)
            try statement.bind(from.epochMinute, at: 2)
            try statement.bind(Timestamp(seconds: to.seconds + 59).epochMinute, at: 3)
            while try statement.step() {
                guard let region = statement.text(at: 0).flatMap({ try? Region.parseAllowingGlobal($0) }) else {
                    continue
                }
                rows.append((region, statement.int(at: 1)))
            }
        } catch {
            throw .sqlite(error)
        }
        return rows
    }

    /// Distinct reporters per bucket (anonymous reports not included) for a service in `[from, to)`.
    package func distinctReporters(
        service: ServiceSlug, region: Region, from: Timestamp, to: Timestamp, width: BucketWidth
    ) throws(StoreError) -> [(start: Timestamp, reporters: Int)] {
        let first = from.bucketStart(width: width.rawValue)
        guard to > first else { return [] }
        let sql = """
            SELECT (r.at - ((r.at % ?1) + ?1) % ?1) AS bucket, COUNT(DISTINCT r.reporter)
            FROM report r JOIN service s ON s.id = r.service_id
            WHERE s.slug = ?2 AND r.id >= ?3 AND r.id < ?4 + \(ReportID.borrowedSecondsSQL) * \(ReportID.idsPerSecond)
              AND r.at >= ?6 AND r.at < ?7 AND r.reporter IS NOT NULL
              \(region.isGlobal ? "" : "AND (r.region = ?5 OR r.region LIKE ?5 || '-%')")
            GROUP BY bucket ORDER BY bucket
            """
        var byBucket: [Int64: Int] = [:]
        do {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(width.rawValue, at: 1)
            try statement.bind(service.rawValue, at: 2)
            try statement.bind(ReportID.first(at: first.seconds), at: 3)
            try statement.bind(ReportID.first(at: to.seconds), at: 4)
            if !region.isGlobal { try statement.bind(region.code, at: 5) }
            try statement.bind(first.seconds, at: 6)
            try statement.bind(to.seconds, at: 7)
            while try statement.step() {
                byBucket[statement.int64(at: 0)] = statement.int(at: 1)
            }
        } catch {
            throw .sqlite(error)
        }
        return stride(from: first.seconds, to: to.seconds, by: Int(width.rawValue)).map {
            (Timestamp(seconds: $0), byBucket[$0] ?? 0)
        }
    }

    /// Streams the per-minute count rows with `fromMinute <= minute < toMinute` in minute order.
    package func forEachMinuteCount(
        fromMinute: Int64, toMinute: Int64, _ body: (StoredMinuteCount) throws -> Void
    ) throws(StoreError) {
        let sql = """
            SELECT m.minute, s.slug, m.region, m.problem, m.counted, m.duplicates, m.anonymous, m.largest_relay
            FROM minute_count m JOIN service s ON s.id = m.service_id
            WHERE m.minute >= ? AND m.minute < ? ORDER BY m.minute
            """
        try StoreError.catching("minute count") {
            let statement = try connection.cachedStatement(sql)
            try statement.bind(fromMinute, at: 1)
            try statement.bind(toMinute, at: 2)
            var slugs: [String: ServiceSlug] = [:]
            var regions: [String: Region] = [:]
            while try statement.step() {
                guard let slugText = statement.text(at: 1), let regionText = statement.text(at: 2),
                    let problem = statement.text(at: 3).flatMap(ProblemKind.init(rawValue:))
                else { throw StoreError.invalidStoredValue("minute count row") }
                let slug: ServiceSlug
                if let known = slugs[slugText] {
                    slug = known
                } else {
                    guard let parsed = ServiceSlug(rawValue: slugText) else {
                        throw StoreError.invalidStoredValue("slug")
                    }
                    slugs[slugText] = parsed
                    slug = parsed
                }
                let region: Region
                if let known = regions[regionText] {
                    region = known
                } else {
                    guard let parsed = try? Region.parseAllowingGlobal(regionText) else {
                        throw StoreError.invalidStoredValue("region")
                    }
                    regions[regionText] = parsed
                    region = parsed
                }
                try body(
                    StoredMinuteCount(
                        minute: statement.int64(at: 0), service: slug, region: region, problem: problem,
                        counted: statement.int(at: 4), duplicates: statement.int(at: 5),
                        anonymous: statement.int(at: 6),
                        largestRelay: statement.int(at: 7)
                    )
                )
            }
        }
    }

    /// The earliest and latest minute with any counts, or nil when there are no reports.
    package func minuteRange() throws(StoreError) -> ClosedRange<Int64>? {
        do {
            let statement = try connection.cachedStatement("SELECT MIN(minute), MAX(minute) FROM minute_count")
            defer { statement.reset() }
            guard try statement.step(), !statement.isNull(at: 0) else { return nil }
            return statement.int64(at: 0)...statement.int64(at: 1)
        } catch {
            throw .sqlite(error)
        }
    }

    /// Totals of stored reports: all, counted, duplicates, anonymous.
    package func reportTotals() throws(StoreError) -> IngestSummary {
        do {
            let statement = try connection.cachedStatement(
                "SELECT COUNT(*), COALESCE(SUM(counted), 0), COALESCE(SUM(reporter IS NULL), 0) FROM report"
            )
            defer { statement.reset() }
            guard try statement.step() else { return IngestSummary() }
            let stored = statement.int(at: 0)
            let counted = statement.int(at: 1)
            return IngestSummary(
                stored: stored, counted: counted, duplicates: stored - counted, anonymous: statement.int(at: 2))
        } catch {
            throw .sqlite(error)
        }
    }
}
