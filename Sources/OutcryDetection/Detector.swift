package import OutcryModel

/// The outage detector: a pure, deterministic state machine fed one batch of minute counts per tick.
///
/// It tracks every (service, region) that has had reports plus each service's `Region.global` series (all its
/// regions summed), learns a robust time-of-day/day-of-week baseline for each, judges the last 15 minutes
/// against it, and opens an `Incident` when a series reaches `AlertLevel.likely`. See <doc:HowTheDetectorWorks>
/// for the method. No clock, I/O or randomness: the same counts always give the same incidents, whether fed in
/// one call or minute by minute.
package struct Detector: Sendable, Codable {
    package private(set) var settings: DetectorSettings
    /// The last tick fed; counts before it have been consumed.
    package private(set) var lastTick: Timestamp?

    var series: [SeriesState] = []
    var groups: [GroupTracker] = []
    /// Resolved global incidents of the last day, for overlaps with incidents of related services.
    var recentGlobal: [GroupMember] = []
    var services: [ServiceSlug: MonitoredService] = [:]

    // Derived, rebuilt on decoding.
    var seriesIndex: [SeriesKey: Int] = [:]
    var globalIndex: [ServiceSlug: Int] = [:]
    var regionalIndices: [ServiceSlug: [Int]] = [:]
    /// Per series, the index of its service's global series (a global series: its own index; -1 while a
    /// region's service has none yet).
    var globalOfSeries: [Int] = []
    var gains: Gains

    package init(settings: DetectorSettings = DetectorSettings()) {
        self.settings = settings
        self.gains = Gains(settings)
    }

    // MARK: Queries

    /// The current status of every tracked series, sorted by key.
    package func statuses() -> [SeriesStatus] {
        series.map(\.status).sorted { $0.key < $1.key }
    }

    package func status(of key: SeriesKey) -> SeriesStatus? {
        seriesIndex[key].map { series[$0].status }
    }

    /// Every open incident in its current state, sorted by id.
    package var openIncidents: [Incident] {
        series.indices.compactMap { index in
            series[index].incident.map { makeIncident($0, seriesAt: index, endedAt: nil) }
        }.sorted { $0.id < $1.id }
    }

    // MARK: Tick

    /// Feeds the counts of the minutes since the last tick and returns what changed.
    ///
    /// `tick` is minute-aligned. `counts` are the stored counts with minute in
    /// `[lastTick.epochMinute, tick.epochMinute)` (rows outside it are ignored; minutes without rows are zero).
    /// The detector steps minute by minute, so one call covering N minutes gives exactly the same incidents as
    /// N one-minute calls. `services` gives display names and groups; series of services not listed are still
    /// tracked, named by their slug.
    ///
    /// `quietWindows` are the `QuietWindow`s that may cover minutes of the tick (others are ignored): in a
    /// quiet minute of a service its series still count reports, but their baselines learn as while raised
    /// (the episode is not learned), and an incident detected in such a minute is marked expected.
    package mutating func tick(
        at tick: Timestamp, counts: [MinuteCount], services list: [MonitoredService], quietWindows: [QuietWindow] = []
    ) -> TickOutcome {
        for service in list { services[service.slug] = service }
        refreshAlarmTargets()
        let end = tick.epochMinute
        let start: Int64
        if let lastTick {
            guard tick > lastTick else { return TickOutcome() }
            start = lastTick.epochMinute
        } else {
            start = counts.lazy.filter { $0.minute < end }.map(\.minute).min() ?? end
        }
        lastTick = tick
        guard end > start else { return TickOutcome() }

        let rows = Self.regionalRows(of: counts, fromMinute: start, toMinute: end)

        let quietWindows = quietWindows.filter { $0.overlaps(fromMinute: start, toMinute: end) }
        var quiet: [ServiceSlug: String] = [:]
        var inputs = [MinuteInput](repeating: .zero, count: series.count)
        var touched: [Int] = []
        var resolved: [Incident] = []
        var cursor = 0
        var minute = start
        while minute < end {
            if series.isEmpty {
                // Nothing tracked yet: jump to the next minute with reports.
                guard cursor < rows.count else { break }
                minute = rows[cursor].minute
            }
            while cursor < rows.count, rows[cursor].minute == minute {
                add(rows[cursor], to: &inputs, touched: &touched)
                cursor += 1
            }
            if !quietWindows.isEmpty { quiet = Self.quietServices(at: minute, windows: quietWindows) }
            stepAllSeries(minute: minute, inputs: inputs, quiet: quiet)
            for index in touched { inputs[index] = .zero }
            touched.removeAll(keepingCapacity: true)
            advanceIncidents(minute: minute, resolved: &resolved, quiet: quiet)
            minute += 1
        }
        return collectChanges(resolved: resolved, now: end)
    }

    /// The rows of regional series in `[fromMinute, toMinute)`, in the order the detector steps them (minute,
    /// service, region, problem): the global series are summed from them.
    static func regionalRows(of counts: [MinuteCount], fromMinute start: Int64, toMinute end: Int64) -> [MinuteCount] {
        var rows = counts.filter { $0.minute >= start && $0.minute < end && !$0.region.isGlobal }
        rows.sort { lhs, rhs in
            if lhs.minute != rhs.minute { return lhs.minute < rhs.minute }
            if lhs.service != rhs.service { return lhs.service < rhs.service }
            if lhs.region != rhs.region { return lhs.region < rhs.region }
            return lhs.problem < rhs.problem
        }
        return rows
    }

    /// Adds one row to the minute's inputs of its regional series and its service's global series (creating
    /// them on first sight); `touched` lists the inputs to reset after the minute.
    private mutating func add(_ row: MinuteCount, to inputs: inout [MinuteInput], touched: inout [Int]) {
        let regional = seriesIndex(for: SeriesKey(service: row.service, region: row.region))
        let global = seriesIndex(for: SeriesKey(service: row.service, region: .global))
        if inputs.count < series.count {
            inputs.append(contentsOf: repeatElement(.zero, count: series.count - inputs.count))
        }
        let distinct = max(0, row.counted - row.anonymous)
        for index in [regional, global] {
            if inputs[index].counted == 0, inputs[index].received == 0 { touched.append(index) }
            inputs[index].counted += Int32(clamping: row.counted)
            inputs[index].distinct += Int32(clamping: distinct)
            inputs[index].received += Int32(clamping: row.counted + row.duplicates)
            inputs[index].largestSource = Int32(
                clamping: Int(inputs[index].largestSource) + max(0, min(row.largestRelay, distinct)))
            inputs[index][problem: row.problem.index] += Int32(clamping: row.counted)
        }
    }

    /// Steps every tracked series by one minute (series created after `inputs` was sized get no reports):
    /// global series first, so each region is judged against its service's calibration of this minute — a
    /// region needs at least the evidence its service's own series needs for the same false-alarm period.
    private mutating func stepAllSeries(minute: Int64, inputs: [MinuteInput], quiet: [ServiceSlug: String]) {
        let settings = self.settings
        let gains = self.gains
        for index in series.indices where globalOfSeries[index] == index {
            stepSeries(
                at: index, minute: minute, inputs: inputs, quiet: quiet, settings: settings, gains: gains,
                serviceThreshold: 0)
        }
        for index in series.indices where globalOfSeries[index] != index {
            // The global series' threshold of this minute, without its cold-start scale (all of a service's
            // series share one false-alarm period, so it is the region's period too).
            let global = globalOfSeries[index]
            let scale = global >= 0 ? series[global].thresholdScale : 0
            let serviceThreshold = scale > 0 ? series[global].evidenceThreshold / scale : 0
            stepSeries(
                at: index, minute: minute, inputs: inputs, quiet: quiet, settings: settings, gains: gains,
                serviceThreshold: serviceThreshold)
        }
    }

    /// Steps one series by one minute with its input, quiet state and least threshold.
    @inline(__always)
    private mutating func stepSeries(
        at index: Int, minute: Int64, inputs: [MinuteInput], quiet: [ServiceSlug: String], settings: DetectorSettings,
        gains: Gains, serviceThreshold: Double
    ) {
        let isQuiet = !quiet.isEmpty && quiet[series[index].key.service] != nil
        series[index].step(
            minute: minute, input: index < inputs.count ? inputs[index] : .zero, settings: settings,
            gains: gains, isInIncident: series[index].incident != nil, isQuiet: isQuiet,
            serviceThreshold: serviceThreshold)
    }

    /// The services quiet at `minute`, each with the text of the earliest-starting window covering it.
    static func quietServices(at minute: Int64, windows: [QuietWindow]) -> [ServiceSlug: String] {
        var quiet: [ServiceSlug: (startsAt: Timestamp, id: Int64, text: String)] = [:]
        for window in windows where window.covers(minute: minute) {
            if let known = quiet[window.service], (known.startsAt, known.id) <= (window.startsAt, window.id) {
                continue
            }
            quiet[window.service] = (window.startsAt, window.id, window.expectationText)
        }
        return quiet.mapValues(\.text)
    }

    /// The index of a series, creating it on its first report.
    mutating func seriesIndex(for key: SeriesKey) -> Int {
        if let index = seriesIndex[key] { return index }
        let index = series.count
        series.append(SeriesState(key: key))
        register(key, at: index)
        refreshAlarmTargets(of: key.service)
        return index
    }

    /// Gives every series (or those of one service) its false-alarm period: the service's sensitivity's period
    /// times the number of series the service has, so a service with many regions is not alarmed more often
    /// than one with a single region.
    mutating func refreshAlarmTargets(of service: ServiceSlug? = nil) {
        let indices: [Int]
        if let service {
            indices = (regionalIndices[service] ?? []) + (globalIndex[service].map { [$0] } ?? [])
        } else {
            indices = Array(series.indices)
        }
        for index in indices {
            let slug = series[index].key.service
            let sensitivity = services[slug]?.sensitivity ?? .normal
            let count = (regionalIndices[slug]?.count ?? 0) + 1
            series[index].targetMinutes = gains.targetMinutes(for: sensitivity) * Double(count)
        }
    }

    mutating func register(_ key: SeriesKey, at index: Int) {
        seriesIndex[key] = index
        if globalOfSeries.count <= index {
            globalOfSeries.append(contentsOf: repeatElement(-1, count: index + 1 - globalOfSeries.count))
        }
        if key.region.isGlobal {
            globalIndex[key.service] = index
            globalOfSeries[index] = index
            for regional in regionalIndices[key.service] ?? [] { globalOfSeries[regional] = index }
        } else {
            regionalIndices[key.service, default: []].append(index)
            globalOfSeries[index] = globalIndex[key.service] ?? -1
        }
    }

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case settings
        case lastTick = "last_tick"
        case series, groups
        case recentGlobal = "recent_global"
        case services
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(DetectorSettings.self, forKey: .settings)
        gains = Gains(settings)
        lastTick = try container.decodeIfPresent(Timestamp.self, forKey: .lastTick)
        series = try container.decode([SeriesState].self, forKey: .series)
        groups = try container.decode([GroupTracker].self, forKey: .groups)
        recentGlobal = try container.decode([GroupMember].self, forKey: .recentGlobal)
        let serviceList = try container.decode([MonitoredService].self, forKey: .services)
        for service in serviceList { services[service.slug] = service }
        for (index, state) in series.enumerated() { register(state.key, at: index) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings, forKey: .settings)
        try container.encodeIfPresent(lastTick, forKey: .lastTick)
        try container.encode(series, forKey: .series)
        try container.encode(groups, forKey: .groups)
        try container.encode(recentGlobal, forKey: .recentGlobal)
        try container.encode(services.values.sorted { $0.slug < $1.slug }, forKey: .services)
    }
}
