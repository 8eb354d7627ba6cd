package import OutcryModel

extension Detector {
    /// The expected number of reports in the 15 minutes ending at `end`, as the series' current baseline sees
    /// that time of day and day of week; nil for a series the detector has never seen.
    ///
    /// For charts of the past ("reports against the usual level"): it uses today's learned profile, not the
    /// baseline as it stood back then.
    package func expectedReports(for key: SeriesKey, windowEndingAt end: Timestamp) -> Double? {
        guard let index = seriesIndex[key] else { return nil }
        return inverseAnscombe(series[index].baseline.expectation(minute: end.epochMinute - 1))
    }
}
