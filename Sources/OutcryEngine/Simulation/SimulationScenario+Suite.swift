package import OutcryModel

extension SimulationScenario {
    /// The first day of the scenario suite (a Monday).
    package static let suiteStart = SimulationCatalog.midnight(2024, 2, 5)

    /// The scenario suite: a service per case (slug `kind-N`), each with labelled outages of one failure mode,
    /// or a control that must stay quiet, in five regions, from ``suiteStart`` for `days` days (at least 7).
    ///
    /// Sizes, days and times of the outages follow from `seed`, as do the reports (use the same seed for the
    /// ``TrafficSimulator``). Outages are extra reports from distinct people (``SimulatedSurge``), sized from the
    /// expected baseline at their time; several kinds have one outage in the first week of data, and
    /// `new-service` cases start their traffic mid-scenario with an outage 1–5 days later. Controls use
    /// multiplied ordinary traffic (holiday, doubling, daily peak) or floods (hammer).
    package static func suite(days: Int = 28, seed: UInt64 = 1) -> ScenarioSuite {
        precondition(days >= 7, "the scenario suite needs at least 7 days")
        var builder = SuiteBuilder(
            start: suiteStart, days: days, regions: Array(SimulationCatalog.regions.prefix(5)), seed: seed
        )
        let early = 1..<min(7, days - 1)
        let late = min(7, days / 3)..<(days - 1)
        addGlobal(&builder, early: early, late: late)
        addRegional(&builder, early: early, late: late)
        addCalmShort(&builder, early: early, late: late)
        addBursty(&builder, late: 1..<(days - 1))
        addSlowRamp(&builder, early: early, late: late)
        addGroups(&builder, late: late)
        addNewServices(&builder)
        addSmall(&builder, early: early, late: late)
        addControls(&builder)
        return builder.build()
    }

    // MARK: - Outage kinds

    /// Busy services, 10–30 times their baseline for one to two and a half hours, everywhere.
    private static func addGlobal(_ b: inout SuiteBuilder, early: Range<Int>, late: Range<Int>) {
        for instance in 1...3 {
            let slug = b.addService("global-\(instance)", kind: .global, perDay: b.uniform(1500...4000))
            for window in 0..<(instance == 1 ? 2 : 1) {
                let ramp = b.integer(3...10)
                let full = b.integer(45...120)
                let recovery = b.integer(10...30)
                let at = b.onset(
                    for: slug, days: instance == 3 && window == 0 ? early : late, span: ramp + full + recovery)
                let reports = b.excessReports(
                    slug: slug, multiplier: b.uniform(10...30), start: at, ramp: ramp, full: full, recovery: recovery
                )
                b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: reports)
            }
        }
    }

    /// Mid-volume services; 27–40 extra reports over 30–60 minutes in one region (not the largest).
    private static func addRegional(_ b: inout SuiteBuilder, early: Range<Int>, late: Range<Int>) {
        let candidates = ["GB", "DE", "BR", "IN"].map(SimulationCatalog.region)
        for instance in 1...3 {
            let slug = b.addService("regional-\(instance)", kind: .regional, perDay: b.uniform(800...2000))
            for window in 0..<(instance == 1 ? 2 : 1) {
                let region = candidates[b.integer(0...(candidates.count - 1))]
                let duration = b.integer(30...60)
                let ramp = b.integer(2...5)
                let recovery = b.integer(2...5)
                let at = b.onset(for: slug, days: instance == 3 && window == 0 ? early : late, span: duration)
                b.addOutage(
                    slug, region: region, at: at, ramp: ramp, full: duration - ramp - recovery, recovery: recovery,
                    reports: b.integer(27...40)
                )
            }
        }
    }

    /// A few reports a day; 9–20 extra distinct reporters within 15 minutes.
    private static func addCalmShort(_ b: inout SuiteBuilder, early: Range<Int>, late: Range<Int>) {
        for instance in 1...4 {
            let slug = b.addService("calm-short-\(instance)", kind: .calmShort, perDay: b.uniform(2...8))
            for window in 0..<(instance <= 2 ? 2 : 1) {
                let ramp = b.integer(1...3)
                let recovery = b.integer(0...2)
                let full = b.integer(8...(15 - ramp - recovery))
                let at = b.onset(
                    for: slug, days: instance == 4 && window == 0 ? early : late, span: ramp + full + recovery)
                b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: b.integer(9...20))
            }
        }
    }

    /// A median of about 2 reports per 5 minutes, 3–5 harmless bursts of 100–200 reports in one 5-minute bucket
    /// a week, and one or two real outages (6–10 times the baseline, 30–60 minutes).
    private static func addBursty(_ b: inout SuiteBuilder, late: Range<Int>) {
        for instance in 1...2 {
            let slug = b.addService("bursty-\(instance)", kind: .bursty, perDay: b.uniform(620...720))
            for _ in 0..<(instance == 1 ? 2 : 1) {
                let ramp = b.integer(2...5)
                let full = b.integer(26...50)
                let recovery = b.integer(2...5)
                let at = b.onset(for: slug, days: late, span: ramp + full + recovery)
                let reports = b.excessReports(
                    slug: slug, multiplier: b.uniform(6...10), start: at, ramp: ramp, full: full, recovery: recovery
                )
                b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: reports)
            }
            let bursts = Int((Double(b.days) / 7 * b.uniform(3...5)).rounded())
            for _ in 0..<bursts {
                let offset = b.integer(0...1)
                let minutes = b.integer(1...3)
                let bucket = b.onset(for: slug, days: 0..<b.days, span: 5, alignedTo: 5)
                b.addBurst(
                    slug, at: bucket.adding(minutes: Int64(offset)), minutes: minutes, reports: b.integer(100...200))
            }
        }
    }

    /// Excess growing linearly over about an hour to 3–5 times the baseline.
    private static func addSlowRamp(_ b: inout SuiteBuilder, early: Range<Int>, late: Range<Int>) {
        for instance in 1...3 {
            let slug = b.addService("slow-ramp-\(instance)", kind: .slowRamp, perDay: b.uniform(800...2000))
            for window in 0..<(instance == 1 ? 2 : 1) {
                let ramp = b.integer(50...70)
                let full = b.integer(20...60)
                let recovery = b.integer(10...20)
                let at = b.onset(
                    for: slug, days: instance == 3 && window == 0 ? early : late, span: ramp + full + recovery)
                let reports = b.excessReports(
                    slug: slug, multiplier: b.uniform(3...5), start: at, ramp: ramp, full: full, recovery: recovery
                )
                b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: reports)
            }
        }
    }

    /// Two groups of three: the epicentre at 15–30 times its baseline, the other two at 2.5–4 times, together.
    private static func addGroups(_ b: inout SuiteBuilder, late: Range<Int>) {
        for instance in 1...2 {
            let group = "suite-group-\(instance)"
            let members = [
                (
                    b.addService(
                        "group-\(instance)-epicentre", kind: .group, perDay: b.uniform(1000...2500), group: group),
                    15.0...30.0
                ),
                (
                    b.addService("group-\(instance)-side-a", kind: .group, perDay: b.uniform(600...1500), group: group),
                    2.5...4.0
                ),
                (
                    b.addService("group-\(instance)-side-b", kind: .group, perDay: b.uniform(600...1500), group: group),
                    2.5...4.0
                ),
            ]
            let full = b.integer(45...100)
            let span = 3 + 10 + full + 20
            let at = b.onset(for: members[0].0, days: late, span: span)
            for (index, (slug, multipliers)) in members.enumerated() {
                let onset = index == 0 ? at : at.adding(minutes: Int64(b.integer(0...3)))
                let ramp = b.integer(3...10)
                let recovery = b.integer(10...20)
                let reports = b.excessReports(
                    slug: slug, multiplier: b.uniform(multipliers), start: onset, ramp: ramp, full: full,
                    recovery: recovery
                )
                b.addOutage(slug, at: onset, ramp: ramp, full: full, recovery: recovery, reports: reports)
            }
        }
    }

    /// Services whose traffic starts at the scenario start (the first) or mid-scenario, with an outage (4–12
    /// times the baseline, 30–90 minutes) 1–5 days into their data.
    private static func addNewServices(_ b: inout SuiteBuilder) {
        for instance in 1...3 {
            let firstDay = instance == 1 ? 0 : b.integer(min(7, b.days - 6)...max(min(7, b.days - 6), b.days - 7))
            let activeFrom = b.start.adding(minutes: Int64(firstDay) * 1440 + Int64(b.integer(0...1439)))
            let slug = b.addService(
                "new-service-\(instance)", kind: .newService, perDay: b.uniform(300...1500), activeFrom: activeFrom
            )
            let ramp = b.integer(3...8)
            let full = b.integer(25...75)
            let recovery = b.integer(5...10)
            let at = b.onset(for: slug, days: 1..<5, span: ramp + full + recovery)
            let reports = b.excessReports(
                slug: slug, multiplier: b.uniform(4...12), start: at, ramp: ramp, full: full, recovery: recovery
            )
            b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: reports)
        }
    }

    /// Mid-volume services at 2–3 times their baseline for 30–90 minutes.
    private static func addSmall(_ b: inout SuiteBuilder, early: Range<Int>, late: Range<Int>) {
        for instance in 1...3 {
            let slug = b.addService("small-\(instance)", kind: .small, perDay: b.uniform(800...2000))
            for window in 0..<(instance == 1 ? 2 : 1) {
                let ramp = b.integer(3...8)
                let recovery = b.integer(3...8)
                let full = b.integer(30...90) - ramp - recovery
                let at = b.onset(
                    for: slug, days: instance == 3 && window == 0 ? early : late, span: ramp + full + recovery)
                let reports = b.excessReports(
                    slug: slug, multiplier: b.uniform(2...3), start: at, ramp: ramp, full: full, recovery: recovery
                )
                b.addOutage(slug, at: at, ramp: ramp, full: full, recovery: recovery, reports: reports)
            }
        }
    }

    // MARK: - Controls

    /// Holidays, hammering, doubling and daily peaks, two services each; none has a window.
    private static func addControls(_ b: inout SuiteBuilder) {
        let days = b.days
        for instance in 1...2 {
            // A day-long 1.5× surge, from about midnight UTC.
            let slug = b.addService("holiday-\(instance)", kind: .holiday, perDay: b.uniform(800...2000))
            let day = b.integer(min(7, days - 2)...(days - 2))
            b.addSwell(
                slug, multiplier: 1.5, at: b.start.adding(minutes: Int64(day) * 1440 - 120), ramp: 120,
                full: 1440 - 120,
                recovery: 120
            )
        }
        for instance in 1...2 {
            // One reporter sending hundreds of reports, and on another day an anonymous flood.
            let perDay = instance == 1 ? b.uniform(20...60) : b.uniform(600...1500)
            let slug = b.addService("hammer-\(instance)", kind: .hammer, perDay: perDay)
            let hammerMinutes = b.integer(20...90)
            let hammerAt = b.onset(for: slug, days: 1..<(days - 1), span: hammerMinutes)
            b.addFlood(
                slug, at: hammerAt, minutes: hammerMinutes, reports: b.integer(200...600),
                reporter: "hammer-\(instance)")
            let floodMinutes = b.integer(15...60)
            let floodAt = b.onset(for: slug, days: 1..<(days - 1), span: floodMinutes)
            b.addFlood(slug, at: floodAt, minutes: floodMinutes, reports: b.integer(150...400), reporter: nil)
        }
        for instance in 1...2 {
            // Volume doubling gradually over two weeks (half the run when shorter), then staying there.
            let slug = b.addService("doubling-\(instance)", kind: .doubling, perDay: b.uniform(600...1500))
            let rampDays = min(14, days / 2)
            let firstDay = b.integer(1...max(1, days - rampDays - 1))
            let rampMinutes = rampDays * 1440
            let full = max(0, (days - firstDay) * 1440 - rampMinutes)
            b.addSwell(
                slug, multiplier: 2, at: b.start.adding(minutes: Int64(firstDay) * 1440), ramp: rampMinutes, full: full,
                recovery: 0
            )
        }
        for instance in 1...2 {
            // A sharp 3× peak at the same time every day.
            let slug = b.addService("daily-peak-\(instance)", kind: .dailyPeak, perDay: b.uniform(600...1500))
            let minuteOfDay = Int64(b.integer(0...1439))
            let full = b.integer(15...25)
            for day in 0..<days {
                b.addSwell(
                    slug, multiplier: 3, at: b.start.adding(minutes: Int64(day) * 1440 + minuteOfDay), ramp: 5,
                    full: full,
                    recovery: 5
                )
            }
        }
    }
}
