package import OutcryModel

/// An outage: for a while, some services get many times their usual reports, with a different problem mix.
///
/// Strength ramps linearly from 0 to 1 over ``rampMinutes``, stays at 1 for ``fullMinutes``, then falls
/// linearly back to 0 over ``recoveryMinutes``. At strength `s` a service with multiplier `m` gets
/// `1 + (m - 1) · s` times its normal volume; the extra reports follow ``problemMix``.
package struct SimulatedOutage: Sendable, Equatable {
    /// Affected services and their volume multiplier at full strength (40 means forty times normal).
    package var services: [ServiceSlug: Double]
    /// Affected regions; nil means every region.
    package var regions: [Region]?
    package var start: Timestamp
    package var rampMinutes: Int
    package var fullMinutes: Int
    package var recoveryMinutes: Int
    /// Relative weights of the problem kinds in the extra reports (login 0.76 for a login outage).
    package var problemMix: [ProblemKind: Double]

    package init(
        services: [ServiceSlug: Double], regions: [Region]? = nil, start: Timestamp,
        rampMinutes: Int, fullMinutes: Int, recoveryMinutes: Int, problemMix: [ProblemKind: Double]
    ) {
        self.services = services
        self.regions = regions
        self.start = start
        self.rampMinutes = rampMinutes
        self.fullMinutes = fullMinutes
        self.recoveryMinutes = recoveryMinutes
        self.problemMix = problemMix
    }

    /// The first minute after the outage has fully recovered.
    package var end: Timestamp { start.adding(minutes: Int64(rampMinutes + fullMinutes + recoveryMinutes)) }

    /// Whether the outage reaches `region`.
    package func affects(_ region: Region) -> Bool {
        regions?.contains(region) ?? true
    }

    /// Strength between 0 and 1 in the minute that starts at `minuteStart`, taken at the middle of the minute.
    package func strength(atMinuteStarting minuteStart: Timestamp) -> Double {
        let elapsed = Double(minuteStart.seconds - start.seconds) / 60 + 0.5
        if elapsed <= 0 { return 0 }
        let ramp = Double(rampMinutes)
        if elapsed < ramp { return elapsed / ramp }
        let fullEnd = ramp + Double(fullMinutes)
        if elapsed <= fullEnd { return 1 }
        let recovery = Double(recoveryMinutes)
        if elapsed < fullEnd + recovery { return 1 - (elapsed - fullEnd) / recovery }
        return 0
    }
}
