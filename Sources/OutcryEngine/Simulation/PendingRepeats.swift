import OutcryModel

/// Repeats scheduled for the next few minutes, in a ring of per-minute slots: memory is bounded by the
/// report rate, not by the length of the run.
struct PendingRepeats: Sendable {
    /// A repeat comes at most this many minutes after the minute of its original.
    static let horizonMinutes = 9

    private var slots = Array(repeating: [SimulatedReport](), count: horizonMinutes + 1)

    /// Schedules `report` for `minute` (counted from the scenario start), at most ``horizonMinutes`` ahead.
    mutating func schedule(_ report: SimulatedReport, minute: Int) {
        slots[minute % slots.count].append(report)
    }

    /// Moves the repeats due in `minute` to the end of `reports`.
    mutating func drain(minute: Int, into reports: inout [SimulatedReport]) {
        let slot = minute % slots.count
        reports.append(contentsOf: slots[slot])
        slots[slot].removeAll(keepingCapacity: true)
    }
}
