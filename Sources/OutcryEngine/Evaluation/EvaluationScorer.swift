package import OutcryModel

/// Scores incidents against labelled windows: found and missed windows, false incidents, detection latency and
/// the NAB-style score, per service and in total. Pure: `outcry evaluate` feeds it the replay's incidents.
///
/// The rules (see the README, "Evaluating detection on your own history"):
/// - A window is found when an incident that it matches (``LabelWindow/isMatched(by:)``) was detected inside it;
///   the earliest one gives the latency. Several incidents in one window count once; the others are not false.
/// - An alarm is a service-wide incident, or a regional one that overlaps no service-wide incident of its service
///   (that one is the same alarm, seen per region). An alarm detected in no window of its service is false.
/// - The first ``probationPercent`` of the range is a warm-up: incidents detected there are ignored, windows that
///   end there are not evaluated, and a window is found only by a detection after it (NAB's probation).
/// - False incidents per service-week divide by the weeks of the range after probation, times the number of
///   services with a window or an incident there (a labelled service that had neither adds no weeks).
package struct EvaluationScorer: Sendable {
    package var from: Timestamp
    package var to: Timestamp
    /// The warm-up share of the range, 0 ≤ p < 100 (NAB uses 15 with at most 750 rows).
    package var probationPercent: Double
    package var profile: NABProfile

    package init(from: Timestamp, to: Timestamp, probationPercent: Double = 0, profile: NABProfile = .standard) {
        self.from = from
        self.to = to
        self.probationPercent = probationPercent
        self.profile = profile
    }

    /// The first instant that counts: `from` plus the probation's share of the range's minutes, on a minute.
    package var scoredFrom: Timestamp {
        let firstMinute = from.epochMinute
        let rows = max(to.epochMinute - firstMinute + 1, 1)
        let share = min(max(probationPercent, 0), 100) / 100
        let probationRows = Int64((Double(rows) * share).rounded(.down))
        guard probationRows > 0 else { return from }
        return max(from, Timestamp(seconds: (firstMinute + probationRows) * 60))
    }

    /// The totals and each labelled service's metrics. Only services that are keys of `labels` are scored.
    package func score(labels: [ServiceSlug: [LabelWindow]], incidents: [Incident]) -> (
        total: EvaluationMetrics, services: [ServiceSlug: EvaluationMetrics]
    ) {
        var byService: [ServiceSlug: [Incident]] = [:]
        for incident in incidents where labels[incident.service] != nil {
            byService[incident.service, default: []].append(incident)
        }
        var services: [ServiceSlug: EvaluationMetrics] = [:]
        var total = Tally()
        var countedServices = 0
        for (slug, windows) in labels {
            let tally = scoreService(windows: windows, incidents: byService[slug] ?? [])
            if tally.hasWindowsOrIncidents { countedServices += 1 }
            services[slug] = tally.metrics(serviceWeeks: weeks, profile: profile)
            total.add(tally)
        }
        return (total.metrics(serviceWeeks: weeks * Double(countedServices), profile: profile), services)
    }

    /// The weeks of the range after probation.
    package var weeks: Double { Double(max(to.seconds - scoredFrom.seconds, 0)) / (7 * 86_400) }

    /// What one service contributes.
    struct Tally {
        var windows = 0
        var found = 0
        var falseIncidents = 0
        var latencies: [Double] = []
        var nabRaw = 0.0
        var hasWindowsOrIncidents = false

        mutating func add(_ other: Tally) {
            windows += other.windows
            found += other.found
            falseIncidents += other.falseIncidents
            latencies += other.latencies
            nabRaw += other.nabRaw
        }

        func metrics(serviceWeeks: Double, profile: NABProfile) -> EvaluationMetrics {
            var metrics = EvaluationMetrics()
            metrics.windows = windows
            metrics.found = found
            metrics.falseIncidents = falseIncidents
            metrics.recall = windows > 0 ? Double(found) / Double(windows) : nil
            metrics.falseIncidentsPerServiceWeek = serviceWeeks > 0 ? Double(falseIncidents) / serviceWeeks : nil
            let sorted = latencies.sorted()
            metrics.latencyMedianMinutes = EvaluationScorer.percentile(sorted, 0.5)
            metrics.latencyP90Minutes = EvaluationScorer.percentile(sorted, 0.9)
            if windows > 0 {
                let null = -profile.falseNegative * Double(windows)
                let perfect = profile.truePositive * Double(windows)
                metrics.nabScore = 100 * (nabRaw - null) / (perfect - null)
            }
            return metrics
        }
    }

    private func scoreService(windows allWindows: [LabelWindow], incidents: [Incident]) -> Tally {
        var tally = Tally()
        let start = scoredFrom
        let windows = allWindows.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let evaluated = windows.filter { $0.end >= start && $0.start <= to }
        let scored = incidents.filter { $0.detectedAt >= start && $0.detectedAt <= to }.sorted {
            ($0.detectedAt, $0.id) < ($1.detectedAt, $1.id)
        }
        tally.hasWindowsOrIncidents = !evaluated.isEmpty || !scored.isEmpty
        tally.windows = evaluated.count
        // Found windows: the earliest matching incident detected inside each (and after probation).
        for window in evaluated {
            var index = Self.firstIndex(in: scored) { $0.detectedAt >= window.start }
            var first: Incident?
            while index < scored.count, scored[index].detectedAt <= window.end {
                if window.isMatched(by: scored[index]) {
                    first = scored[index]
                    break
                }
                index += 1
            }
            let minutes = WindowMinutes(window)
            if let first {
                tally.found += 1
                tally.latencies.append(Double(first.detectedAt.seconds - window.start.seconds) / 60)
                tally.nabRaw += profile.credit(
                    minute: first.detectedAt.epochMinute, first: minutes.first, last: minutes.last)
            } else {
                tally.nabRaw -= profile.falseNegative
            }
        }
        // False alarms: alarms in no window at all (any window of the service, evaluated or not).
        let coverage = WindowCoverage(windows)
        let globals = incidents.filter(\.region.isGlobal)
        for incident in scored where Self.isAlarm(incident, globals: globals) && !coverage.contains(incident.detectedAt)
        {
            tally.falseIncidents += 1
            tally.nabRaw += profile.falseAlarmCost(
                minute: incident.detectedAt.epochMinute,
                previous: coverage.lastWindow(endingBy: incident.detectedAt.epochMinute)
            )
        }
        return tally
    }

    /// A service-wide incident, or a regional one overlapping no service-wide incident of the service.
    static func isAlarm(_ incident: Incident, globals: [Incident]) -> Bool {
        if incident.region.isGlobal { return true }
        let end = incident.endedAt ?? .distantFuture
        return !globals.contains { global in
            global.startedAt <= end && incident.startedAt <= (global.endedAt ?? .distantFuture)
        }
    }

    /// The `p` quantile (0…1) of sorted values, interpolating linearly between ranks; nil for no values.
    package static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard let firstValue = sorted.first else { return nil }
        guard sorted.count > 1 else { return firstValue }
        let rank = min(max(p, 0), 1) * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (rank - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// The first index whose element satisfies `isAtOrAfter` (which must be monotonic), or `count`.
    static func firstIndex<T>(in array: [T], where isAtOrAfter: (T) -> Bool) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let middle = low + (high - low) / 2
            if isAtOrAfter(array[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// A window's minutes, as NAB's rows: from the first whole minute at or after its start to the last at or before
/// its end.
struct WindowMinutes {
    var first: Int64
    var last: Int64

    init(_ window: LabelWindow) {
        last = window.end.epochMinute
        let ceiling = window.start.epochMinute + (window.start.seconds % 60 == 0 ? 0 : 1)
        first = min(ceiling, last)
    }
}

/// The windows of one service, indexed for "is this instant in any window" and "which window ended last before
/// this minute" in logarithmic time (a windows file may hold many thousands).
struct WindowCoverage {
    /// Windows by start, with the latest end among each prefix.
    private var starts: [Timestamp] = []
    private var prefixLatestEnd: [Timestamp] = []
    /// Windows' minute spans, by last minute.
    private var byLastMinute: [ClosedRange<Int64>] = []

    init(_ windowsByStart: [LabelWindow]) {
        var latest = Timestamp.distantPast
        for window in windowsByStart {
            starts.append(window.start)
            latest = max(latest, window.end)
            prefixLatestEnd.append(latest)
            let minutes = WindowMinutes(window)
            byLastMinute.append(minutes.first...minutes.last)
        }
        byLastMinute.sort { $0.upperBound < $1.upperBound }
    }

    func contains(_ instant: Timestamp) -> Bool {
        let after = EvaluationScorer.firstIndex(in: starts) { $0 > instant }
        return after > 0 && prefixLatestEnd[after - 1] >= instant
    }

    /// The window whose last minute is the latest at or before `minute`.
    func lastWindow(endingBy minute: Int64) -> ClosedRange<Int64>? {
        let after = EvaluationScorer.firstIndex(in: byLastMinute) { $0.upperBound > minute }
        return after > 0 ? byLastMinute[after - 1] : nil
    }
}
