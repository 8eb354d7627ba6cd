package import OutcryModel

/// What one case of the scenario suite exercises: a failure mode the detector must catch, or a control that
/// must stay quiet.
package enum SuiteKind: String, CaseIterable, Sendable, Codable {
    /// A large outage of a busy service, everywhere.
    case global
    /// 27–40 extra reports over 30–60 minutes in one region; other regions normal.
    case regional
    /// A few reports a day, then 9–20 extra distinct reporters within 15 minutes.
    case calmShort = "calm-short"
    /// A low-volume series with harmless one-bucket bursts of 100–200 reports, and real outages of 30+ minutes.
    case bursty
    /// Excess growing linearly over about an hour to 3–5 times the baseline.
    case slowRamp = "slow-ramp"
    /// Three services of one group failing together: one strongly, two moderately.
    case group
    /// An outage within the first 1–5 days of a service's data.
    case newService = "new-service"
    /// 2–3 times the baseline for 30–90 minutes on a mid-volume service.
    case small
    /// Control: one day-long 1.5× surge.
    case holiday
    /// Control: one reporter sending hundreds of reports, and an anonymous flood.
    case hammer
    /// Control: volume doubling gradually over two weeks.
    case doubling
    /// Control: a sharp 3× peak at the same time every day.
    case dailyPeak = "daily-peak"

    /// Whether the case must stay quiet (no window).
    package var isControl: Bool {
        switch self {
        case .holiday, .hammer, .doubling, .dailyPeak: true
        default: false
        }
    }
}

/// One labelled outage: from its true onset to its true end plus ``SuiteWindow/grace``, for the whole service
/// or one region.
package struct SuiteWindow: Sendable, Equatable {
    /// How long after the true end a detection still counts as finding the outage.
    package static let graceMinutes: Int64 = 30

    /// Nil for the service as a whole.
    package var region: Region?
    /// The true onset.
    package var start: Timestamp
    /// The true end plus ``graceMinutes``.
    package var end: Timestamp

    package init(region: Region?, start: Timestamp, end: Timestamp) {
        self.region = region
        self.start = start
        self.end = end
    }
}

/// One service of the suite, its kind and its labelled outages (none for a control).
package struct SuiteCase: Sendable, Equatable {
    package var slug: ServiceSlug
    package var kind: SuiteKind
    package var windows: [SuiteWindow]

    package init(slug: ServiceSlug, kind: SuiteKind, windows: [SuiteWindow]) {
        self.slug = slug
        self.kind = kind
        self.windows = windows
    }
}

/// The scenario suite: one scenario with a service per case, and the ground truth to judge a detector by.
package struct ScenarioSuite: Sendable, Equatable {
    package var scenario: SimulationScenario
    /// In slug order.
    package var cases: [SuiteCase]

    package init(scenario: SimulationScenario, cases: [SuiteCase]) {
        self.scenario = scenario
        self.cases = cases
    }

    /// The windows file `outcry evaluate --windows` reads: `{"slug": [["start", "end"], {"region": "DE",
    /// "start": …, "end": …}], …}` with ISO 8601 times, one line per service, slugs in order; controls get `[]`.
    package var windowsJSON: String {
        let lines = cases.map { suiteCase -> String in
            let windows = suiteCase.windows.map { window -> String in
                if let region = window.region {
                    return
                        #"{"region": "\#(region.code)", "start": "\#(window.start.iso8601)", "end": "\#(window.end.iso8601)"}"#
                }
                return #"["\#(window.start.iso8601)", "\#(window.end.iso8601)"]"#
            }
            return #"  "\#(suiteCase.slug.rawValue)": [\#(windows.joined(separator: ", "))]"#
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// `{"slug": "kind", …}`, one line per service, slugs in order.
    package var kindsJSON: String {
        let lines = cases.map { #"  "\#($0.slug.rawValue)": "\#($0.kind.rawValue)""# }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
