package import OutcryDetection
package import OutcryModel
import OutcryStore

extension Engine {
    /// The chart of `service` (or one of its regions) over `[from, to)`, bucketed for the range's length, with
    /// the detector's expectation per bucket when `detector` knows the series.
    package func serviceChart(
        service: MonitoredService, region: Region = .global, from: Timestamp, to: Timestamp, incidents: [Incident],
        detector: Detector?, asOf: Timestamp
    ) throws(EngineError) -> ServiceChart {
        let bucket = ChartBucket.forRange(seconds: max(60, to.seconds - from.seconds))
        let first = from.bucketStart(width: bucket.seconds)
        let last = to.adding(seconds: bucket.seconds - 1).bucketStart(width: bucket.seconds)
        let end = max(last, first.adding(seconds: bucket.seconds))
        let queryWidth: BucketWidth
        if case .width(let width) = bucket { queryWidth = width } else { queryWidth = .oneHour }
        let counts = try store {
            try $0.bucketCounts(service: service.slug, region: region, from: first, to: end, width: queryWidth)
        }
        var reports = [Int](repeating: 0, count: Int((end.seconds - first.seconds) / bucket.seconds))
        for count in counts where count.counted != 0 {
            let index = Int((count.start.seconds - first.seconds) / bucket.seconds)
            if reports.indices.contains(index) { reports[index] += count.counted }
        }
        let key = SeriesKey(service: service.slug, region: region)
        let points = reports.enumerated().map { index, value in
            let start = first.adding(seconds: Int64(index) * bucket.seconds)
            let expected = detector.flatMap { Self.expectedReports($0, key: key, start: start, bucket: bucket) }
            return ServiceChart.Point(
                start: start, reports: value, baseline: expected.map(BaselineBand.init(expected:)))
        }
        let isShown = { (incident: Incident) in
            incident.service == service.slug && incident.overlaps(from: first, to: end)
        }
        // Usually every incident passed in is shown: keep the array instead of copying it.
        let shown = incidents.allSatisfy(isShown) ? incidents : incidents.filter(isShown)
        return ServiceChart(
            service: service, region: region, from: first, to: end, bucket: bucket, points: points, incidents: shown,
            asOf: asOf
        )
    }

    /// Expected reports in one bucket: the detector's 15-minute expectation scaled to the bucket (pro rata for
    /// 1 and 5 minutes, summed over the quarter hours of an hour or a day).
    static func expectedReports(_ detector: Detector, key: SeriesKey, start: Timestamp, bucket: ChartBucket) -> Double?
    {
        let quarter: Int64 = 900
        if bucket.seconds < quarter {
            let expected = detector.expectedReports(for: key, windowEndingAt: start.adding(seconds: bucket.seconds))
            return expected.map { $0 * Double(bucket.seconds) / Double(quarter) }
        }
        var sum = 0.0
        var window = start.adding(seconds: quarter)
        while window <= start.adding(seconds: bucket.seconds) {
            guard let expected = detector.expectedReports(for: key, windowEndingAt: window) else { return nil }
            sum += expected
            window = window.adding(seconds: quarter)
        }
        return sum
    }
}
