package import OutcryModel

/// What an export chart shows for one series (a service as a whole, or one region for `--incident`): reports
/// per bucket over a range against the detector's baseline, with the incidents to shade.
package struct ServiceChart: Sendable {
    /// One bucket of the chart.
    package struct Point: Sendable, Equatable {
        package var start: Timestamp
        package var reports: Int
        /// The usual band for this bucket (see ``BaselineBand``); nil when the detector has no baseline.
        package var baseline: BaselineBand?

        package init(start: Timestamp, reports: Int, baseline: BaselineBand?) {
            self.start = start
            self.reports = reports
            self.baseline = baseline
        }
    }

    package var service: MonitoredService
    /// ``Region/global`` for the service as a whole.
    package var region: Region
    /// The first bucket's start.
    package var from: Timestamp
    /// The end of the last bucket (exclusive).
    package var to: Timestamp
    package var bucket: ChartBucket
    package var points: [Point]
    /// The incidents of this service overlapping the range (shaded from onset to recovery).
    package var incidents: [Incident]
    /// The instant the chart was drawn: open incidents are shaded up to it.
    package var asOf: Timestamp

    package init(
        service: MonitoredService, region: Region, from: Timestamp, to: Timestamp, bucket: ChartBucket,
        points: [Point], incidents: [Incident], asOf: Timestamp
    ) {
        self.service = service
        self.region = region
        self.from = from
        self.to = to
        self.bucket = bucket
        self.points = points
        self.incidents = incidents
        self.asOf = asOf
    }

    /// Whether any bucket has a baseline (else the band is omitted and the legend says so).
    package var hasBaseline: Bool { points.contains { $0.baseline != nil } }
}
