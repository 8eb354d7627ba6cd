import Foundation
import OutcryDetection
import OutcryModel

/// A deterministic pseudo-random generator (SplitMix64), so every synthetic series is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A Poisson draw (Knuth below 30, a rounded normal approximation above).
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = Double.random(in: 0..<1, using: &self)
            var count = 0
            while product > limit {
                count += 1
                product *= Double.random(in: 0..<1, using: &self)
            }
            return count
        }
        let u1 = max(Double.random(in: 0..<1, using: &self), 1e-12)
        let u2 = Double.random(in: 0..<1, using: &self)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return max(0, Int((mean + normal * mean.squareRoot()).rounded()))
    }
}

/// Minute counts of synthetic services, built up stream by stream, then replayed through a ``Detector``.
struct SyntheticFeed {
    /// Monday 2024-03-04 00:00 UTC.
    static let monday: Int64 = CivilTime(year: 2024, month: 3, day: 4).timestamp.epochMinute

    var start: Int64 = SyntheticFeed.monday
    var rows: [Int64: [MinuteCount]] = [:]
    var generator = SeededGenerator(seed: 42)

    static func slug(_ text: String) -> ServiceSlug { (try? ServiceSlug.parse(text)) ?? ServiceSlug(rawValue: "x")! }
    static func region(_ text: String) -> Region { (try? Region.parse(text)) ?? .global }

    /// Adds Poisson reports with a mean per minute given by `rate(minuteSinceStart)`, each from its own reporter.
    mutating func addPoisson(
        service: String, region: String = "US", problem: ProblemKind = .app, minutes: Range<Int>,
        rate: (Int) -> Double
    ) {
        for offset in minutes {
            let count = generator.poisson(rate(offset))
            add(service: service, region: region, problem: problem, minute: offset, counted: count)
        }
    }

    /// Adds fixed counts at one minute.
    mutating func add(
        service: String, region: String = "US", problem: ProblemKind = .app, minute offset: Int, counted: Int,
        duplicates: Int = 0, anonymous: Int = 0, largestRelay: Int = 0
    ) {
        guard counted > 0 || duplicates > 0 else { return }
        let minute = start + Int64(offset)
        rows[minute, default: []].append(
            MinuteCount(
                service: SyntheticFeed.slug(service), region: SyntheticFeed.region(region), problem: problem,
                minute: minute, counted: counted, duplicates: duplicates, anonymous: anonymous,
                largestRelay: largestRelay))
    }

    /// The time `offset` minutes after the start.
    func time(_ offset: Int) -> Timestamp { Timestamp(seconds: (start + Int64(offset)) * 60) }

    /// Replays minutes `[from, to)` (offsets from the start) with one tick every `step` minutes and returns the
    /// latest state of every incident and group event reported, by id.
    func replay(
        _ detector: inout Detector, from: Int = 0, to: Int, step: Int = 1, services: [MonitoredService] = [],
        onTick: (Int, Detector) -> Void = { _, _ in }
    ) -> Replay {
        var result = Replay()
        var previous = from
        while previous < to {
            let next = min(previous + step, to)
            var counts: [MinuteCount] = []
            for offset in previous..<next { counts += rows[start + Int64(offset)] ?? [] }
            let outcome = detector.tick(at: time(next), counts: counts, services: services)
            for incident in outcome.changedIncidents {
                if result.incidents[incident.id] == nil { result.order.append(incident.id) }
                result.incidents[incident.id] = incident
            }
            for event in outcome.changedGroupEvents { result.groupEvents[event.id] = event }
            onTick(next, detector)
            previous = next
        }
        return result
    }
}

/// What a replay reported.
struct Replay {
    var incidents: [String: Incident] = [:]
    var order: [String] = []
    var groupEvents: [String: GroupEvent] = [:]

    var all: [Incident] { order.compactMap { incidents[$0] } }
    var global: [Incident] { all.filter { $0.region.isGlobal } }
    func regional(_ code: String) -> [Incident] { all.filter { $0.region.code == code } }
}

/// A smooth daily cycle between `low` and `high` reports per minute, peaking at 15:00 UTC.
func dailyCycle(low: Double, high: Double) -> (Int) -> Double {
    { minute in
        let phase = Double(minute % 1440) / 1440 * 2 * .pi
        return low + (high - low) * 0.5 * (1 + cos(phase - 2 * .pi * 15 / 24))
    }
}
