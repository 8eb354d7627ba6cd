import OutcryModel

/// Draws problem kinds from a weighted mix, restricted to the kinds a service accepts.
struct ProblemSampler: Sendable {
    /// Cumulative weights in `ProblemKind.allCases` order.
    private var cumulative: [Double] = []
    private var kinds: [ProblemKind] = []
    private var total = 0.0

    /// Keeps the positive weights of accepted kinds; if none is left, every report is the first accepted
    /// kind (or `other`).
    init(mix: [ProblemKind: Double], for service: MonitoredService) {
        for kind in ProblemKind.allCases where service.accepts(kind) {
            guard let weight = mix[kind], weight > 0, weight.isFinite else { continue }
            total += weight
            cumulative.append(total)
            kinds.append(kind)
        }
        if kinds.isEmpty {
            kinds = [ProblemKind.allCases.first(where: service.accepts) ?? .other]
            cumulative = [1]
            total = 1
        }
    }

    @inline(__always)
    func draw(using random: inout SplitMix64) -> ProblemKind {
        if kinds.count == 1 { return kinds[0] }
        let target = random.nextUnit() * total
        for index in 0..<(kinds.count - 1) where target < cumulative[index] {
            return kinds[index]
        }
        return kinds[kinds.count - 1]
    }
}
