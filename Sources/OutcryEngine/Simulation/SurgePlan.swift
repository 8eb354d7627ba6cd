import OutcryModel

/// A surge resolved against a scenario: how many fresh extra reports fall in each of its minutes, drawn once
/// from the surge's own random stream, and where its reports go.
struct SurgePlan: Sendable {
    let surge: SimulatedSurge
    let serviceIndex: Int
    /// Minute of the first entry of ``counts``, counted from the scenario start.
    let firstMinute: Int
    /// Fresh reports per minute from ``firstMinute`` on (minutes outside the scenario are left out).
    let counts: [Int]
    /// The regions its reports come from, and their cumulative weights.
    let regions: [Region]
    private let cumulativeRegionWeights: [Double]
    let sampler: ProblemSampler
    /// The surge's own stream: region, second, problem and repeats of its reports.
    var random: SplitMix64
    /// Fresh reports emitted so far (numbers the reporter ids).
    private var emitted: UInt64 = 0
    private let idSalt: UInt64

    /// Nil when the scenario has no service with the surge's slug.
    init?(surge: SimulatedSurge, index: Int, scenario: SimulationScenario, seed: UInt64) {
        guard let serviceIndex = scenario.services.firstIndex(where: { $0.service.slug == surge.service }) else {
            return nil
        }
        self.surge = surge
        self.serviceIndex = serviceIndex
        let streamSeed = SplitMix64.mix(seed ^ 0x5EED_5096_E000_0000 ^ SplitMix64.mix(UInt64(index) &+ 1))
        var random = SplitMix64(seed: streamSeed)
        idSalt = SplitMix64.mix(streamSeed ^ 0x1D5A_17)

        let chosen = surge.regions ?? scenario.regions.map(\.region)
        let weights = chosen.map { region in scenario.regions.first(where: { $0.region == region })?.weight ?? 1 }
        let timeline = Self.timeline(of: surge.shape, regions: chosen, weights: weights, scenario: scenario)
        self.firstMinute = timeline.firstMinute
        self.counts = Self.draw(max(0, surge.reports), along: timeline.cumulative, random: &random)
        self.random = random
        regions = chosen
        cumulativeRegionWeights = Self.cumulativeWeights(weights)
        sampler = ProblemSampler(mix: surge.problemMix, for: scenario.services[serviceIndex].service)
    }

    /// The surge's minutes inside the scenario (from `firstMinute`) with the running total of its strength
    /// times its regions' daily activity, so reports follow both the surge's shape and the regions' cycle.
    private static func timeline(
        of shape: SimulatedOutage, regions chosen: [Region], weights: [Double], scenario: SimulationScenario
    ) -> (firstMinute: Int, cumulative: [Double]) {
        let offsets = chosen.map { region in
            scenario.regions.first(where: { $0.region == region })?.utcOffsetMinutes ?? 0
        }
        let scenarioStart = scenario.start.bucketStart(width: 60)
        let startOffset = Int(clamping: floorDiv(shape.start.seconds - scenarioStart.seconds, 60))
        let duration = shape.rampMinutes + shape.fullMinutes + shape.recoveryMinutes + 1
        let first = max(0, startOffset)
        let last = min(scenario.days * 1440, startOffset + duration)
        var cumulative: [Double] = []
        var total = 0.0
        if first < last {
            for minute in first..<last {
                let minuteStart = scenarioStart.adding(minutes: Int64(minute))
                var activity = 0.0
                for index in chosen.indices {
                    activity +=
                        max(0, weights[index])
                        * scenario.cycle.factor(epochMinute: minuteStart.epochMinute, utcOffsetMinutes: offsets[index])
                }
                total += shape.strength(atMinuteStarting: minuteStart) * (activity > 0 ? activity : 1)
                cumulative.append(total)
            }
        }
        return (first, cumulative)
    }

    /// Places `reports` reports in the timeline's minutes, each minute in proportion to its share of the total.
    private static func draw(_ reports: Int, along cumulative: [Double], random: inout SplitMix64) -> [Int] {
        var counts = Array(repeating: 0, count: cumulative.count)
        guard let total = cumulative.last, total > 0 else { return counts }
        for _ in 0..<reports {
            let target = random.nextUnit() * total
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > target { high = middle } else { low = middle + 1 }
            }
            counts[low] += 1
        }
        return counts
    }

    /// Running totals of the regions' weights (negative weights count as zero; all zero → equal weights).
    private static func cumulativeWeights(_ weights: [Double]) -> [Double] {
        var running = 0.0
        var result: [Double] = []
        for weight in weights {
            running += max(0, weight)
            result.append(running)
        }
        return running > 0 ? result : weights.indices.map { Double($0 + 1) }
    }

    /// Fresh reports due in `minute` (counted from the scenario start).
    func count(atMinute minute: Int) -> Int {
        let offset = minute - firstMinute
        return offset >= 0 && offset < counts.count ? counts[offset] : 0
    }

    /// A region for the next report, by weight.
    mutating func drawRegion() -> Region? {
        guard let total = cumulativeRegionWeights.last, total > 0 else { return regions.first }
        let target = random.nextUnit() * total
        for index in regions.indices where target < cumulativeRegionWeights[index] { return regions[index] }
        return regions.last
    }

    /// The next fresh reporter id: `dev-` and 11 hex digits, like ``ReporterPool``'s but from another salt.
    mutating func nextReporter() -> String {
        var value = SplitMix64.mix(emitted &+ idSalt) & 0xFFF_FFFF_FFFF
        emitted += 1
        var bytes = Array("dev-00000000000".utf8)
        for position in stride(from: 14, through: 4, by: -1) {
            let digit = UInt8(value & 0xF)
            bytes[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            value >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
