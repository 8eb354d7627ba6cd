import OutcryModel

/// Everything the detector keeps about one series: its rolling windows, its baseline, its level and its
/// open incident. O(1) work per minute.
struct SeriesState: Codable, Sendable {
    /// Columns of the rolling 15-minute window: counted, distinct reporters, received, then one per problem.
    static let columns = 3 + 8
    static let windowMinutes = 15
    /// How many past minutes are kept for placing an incident's onset and totalling its run-up.
    static let memoryMinutes = 120

    var key: SeriesKey
    /// Minutes stepped since the series' first report (that minute included).
    var history = 0
    /// Rolling window, `windowMinutes × columns`, indexed by `minute mod 15`.
    var window = [Int32](repeating: 0, count: SeriesState.windowMinutes * SeriesState.columns)
    /// Column sums of `window`.
    var sums = [Int](repeating: 0, count: SeriesState.columns)
    /// Counted reports per minute over the last `memoryMinutes`, indexed by `minute mod memoryMinutes`.
    var memoryCounts = [Int32](repeating: 0, count: SeriesState.memoryMinutes)
    /// Expected reports per minute over the last `memoryMinutes`.
    var memoryExpected = [Float](repeating: 0, count: SeriesState.memoryMinutes)
    var baseline = Baseline()

    /// Per minute of the rolling window, the counted reports of the largest single relay (indexed like
    /// `window`); nil while the window has none, so series without relays keep their saved shape.
    var largestSourceWindow: [Int32]?

    var level: AlertLevel = .normal
    var isPossibleFlood = false
    /// The flood would have been carried by distinct reporters if its largest single source counted
    /// (one relay token carries the spike); nil means false.
    var isSingleSourceFlood: Bool?
    /// Accumulated evidence and this series' own calibration of its chance alarms.
    var calibration = AlarmCalibration()
    /// The false-alarm period this series is calibrated to, in minutes (its service's sensitivity times the
    /// number of the service's series; refreshed at every tick).
    var targetMinutes: Double = 52 * 10080
    /// The accumulated evidence and the threshold in force at the last evaluation.
    var evidence = 0.0
    var evidenceThreshold = 0.0
    /// Last evaluation: reports in the last 15 minutes, expected reports, statistic, ratio.
    var observed = 0.0
    var expected = 0.0
    var statistic = 0.0
    var ratio = 0.0
    /// Threshold scale in force (cold-start margin).
    var thresholdScale = 1.0
    /// Whether the series was above its own baseline at the last evaluation (for a global incident's regions).
    var isAboveBaseline = false

    /// One-sided CUSUM of per-minute excess, and the minute its current positive run began (the onset).
    var cusum = 0.0
    var cusumStart: Int64 = 0

    /// Usual problem mix: exponentially decayed counts per problem, last decayed at `mixMinute`.
    var mixCounts = [Double](repeating: 0, count: 8)
    var mixMinute: Int64 = 0

    var incident: IncidentTracker?
    /// The minute after the end of the previous incident; a new onset is never placed before it.
    var earliestOnset: Int64 = .min

    init(key: SeriesKey) { self.key = key }

    /// Whether the series had at least ``DetectorSettings/maturityMinutes`` of history at the last evaluation.
    var isMature = false

    var status: SeriesStatus {
        SeriesStatus(
            key: key, level: level, isPossibleFlood: isPossibleFlood, observed: observed, baseline: expected,
            statistic: statistic, isBaselineMature: isMature, isSingleSourceFlood: isSingleSourceFlood ?? false,
            evidence: evidence, evidenceThreshold: evidenceThreshold
        )
    }

    /// The usual problem mix as shares (empty mix → all zeros).
    var usualMix: [Double] {
        let total = mixCounts.reduce(0, +)
        guard total > 0 else { return [Double](repeating: 0, count: 8) }
        return mixCounts.map { $0 / total }
    }
}

/// The per-minute input of one series.
struct MinuteInput {
    var counted: Int32 = 0
    var distinct: Int32 = 0
    var received: Int32 = 0
    /// Counted reports of the largest single relay (summed over the series' rows: an upper bound).
    var largestSource: Int32 = 0
    var problems: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)

    subscript(problem index: Int) -> Int32 {
        get {
            switch index {
            case 0: problems.0
            case 1: problems.1
            case 2: problems.2
            case 3: problems.3
            case 4: problems.4
            case 5: problems.5
            case 6: problems.6
            default: problems.7
            }
        }
        set {
            switch index {
            case 0: problems.0 = newValue
            case 1: problems.1 = newValue
            case 2: problems.2 = newValue
            case 3: problems.3 = newValue
            case 4: problems.4 = newValue
            case 5: problems.5 = newValue
            case 6: problems.6 = newValue
            default: problems.7 = newValue
            }
        }
    }

    static let zero = MinuteInput()
}
