import OutcryModel
import OutcryStore

extension ServiceStatusReport {
    /// The status page's 24-hour chart as an export chart: reports per 15 minutes against the baseline band,
    /// with the week's incidents shaded; nil before any bucket. Drawn by ``SVGChartRenderer/element(_:)``.
    package var dayChart: ServiceChart? {
        guard let first = buckets.first, let last = buckets.last else { return nil }
        let end = last.start.adding(seconds: 900)
        let incidents = (openIncidents + recentIncidents).filter { $0.overlaps(from: first.start, to: end) }
        return ServiceChart(
            service: service, region: .global, from: first.start, to: end, bucket: .width(.fifteenMinutes),
            points: buckets.map {
                ServiceChart.Point(
                    start: $0.start, reports: $0.reports, baseline: $0.baseline.map(BaselineBand.init(expected:)))
            },
            incidents: incidents, asOf: asOf
        )
    }
}
