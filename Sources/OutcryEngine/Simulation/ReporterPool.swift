/// The people who report: a fixed pool of ids (`dev-` and 11 hex digits, derived from the seed), some far
/// more active than others, who normally do not report twice within ``quietMinutes``.
///
/// Keeping fresh reports apart from a reporter's recent ones means the only duplicates the store sees are
/// the deliberate repeats (and floods), so their share matches the scenario. Memory is four bytes per id.
struct ReporterPool: Sendable {
    /// A reporter is not picked for a fresh report this many minutes after their last one: longer than the
    /// store's duplicate cooldown (15 minutes by default, measured from the last counted report).
    static let quietMinutes: Int32 = 20
    /// Picks tried before accepting a reporter who reported recently (only when the pool is too small).
    private static let attempts = 8

    private let salt: UInt64
    private var lastReportMinute: [Int32]

    init(size: Int, seed: UInt64) {
        precondition(size > 0, "the reporter pool must not be empty")
        salt = SplitMix64.mix(seed ^ 0x5EED_DE71_CE00_0001)
        lastReportMinute = Array(repeating: Int32.min / 2, count: size)
    }

    /// Picks a reporter for a fresh report in `minute` (counted from the scenario start) and returns its id.
    /// Activity is skewed: the first 1% of the pool sends about 5% of the reports.
    mutating func pick(minute: Int32, using random: inout SplitMix64) -> String {
        let size = lastReportMinute.count
        var index = 0
        for _ in 0..<Self.attempts {
            let u = random.nextUnit()
            index = min(size - 1, Int(Double(size) * u * u.squareRoot()))
            if minute - lastReportMinute[index] >= Self.quietMinutes { break }
        }
        lastReportMinute[index] = minute
        return id(index)
    }

    /// The id of the reporter at `index`: `dev-` and 11 lower-case hex digits, short enough to be stored
    /// inline in a `String` (no allocation).
    func id(_ index: Int) -> String {
        var value = SplitMix64.mix(UInt64(index) &+ salt) & 0xFFF_FFFF_FFFF
        return String(unsafeUninitializedCapacity: 15) { bytes in
            bytes[0] = UInt8(ascii: "d")
            bytes[1] = UInt8(ascii: "e")
            bytes[2] = UInt8(ascii: "v")
            bytes[3] = UInt8(ascii: "-")
            for position in stride(from: 14, through: 4, by: -1) {
                let digit = UInt8(value & 0xF)
                bytes[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                value >>= 4
            }
            return 15
        }
    }
}
