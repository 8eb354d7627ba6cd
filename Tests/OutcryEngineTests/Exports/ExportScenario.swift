import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport

/// A hand-built export on 5 March 2024 (fixed `generated_at` 18:00 UTC), the golden files' scenario.
///
/// - WhatsApp (meta): a whole-service outage 15:00–16:15 and a US incident 15:02–16:05 inside it, both
///   acknowledged by its official status page at 15:27 ("Messaging delays"); history adds a 10 January incident
///   of 3 h 10 min that the status page never acknowledged, so this is its 2nd incident of 2024.
/// - Instagram (meta): an open whole-service incident since 15:05, not acknowledged by its status page; the
///   detector says `likely`.
/// - Gmail (google): no incident, the detector says `possible`.
/// - Tom's "Café", Inc <b> (no group, no linked status page): a DE incident 12:00–12:40 whose texts need CSV, XML
///   and Markdown escaping.
enum ExportScenario {
    static let generatedAt = Instants.outageAfternoon.adding(minutes: 180)
    static let since = Instants.outageAfternoon.adding(minutes: -180)

    static func at(_ minutes: Int64) -> Timestamp { Instants.outageAfternoon.adding(minutes: minutes) }

    static let whatsapp = MonitoredService.fixture("whatsapp", name: "WhatsApp", group: "meta")
    static let instagram = MonitoredService.fixture("instagram", name: "Instagram", group: "meta")
    static let gmail = MonitoredService.fixture("gmail", name: "Gmail", group: "google")
    static let cafe = MonitoredService.fixture("cafe", name: "Tom's \"Café\", Inc <b>", group: nil)

    static func incident(
        _ service: MonitoredService, region: String = "global", start: Int64, detected: Int64, peak: Int64, end: Int64?,
        peakReports: Int = 300, baseline: Double = 12.5, regions: [String] = ["US", "DE"],
        problems: [ProblemShare] = [
            ProblemShare(problem: .login, share: 0.75), ProblemShare(problem: .app, share: 0.25),
        ],
        summary: String? = nil
    ) -> Incident {
        let place = (try? Region.parseAllowingGlobal(region)) ?? .global
        let ratio = SeriesStatus.ratio(observed: Double(peakReports), baseline: baseline)
        return Incident(
            id: "\(service.slug)/\(region)/\(compact(at(start)))", service: service.slug, region: place,
            status: end == nil ? .open : .resolved, level: .likely, detectedAt: at(detected), startedAt: at(start),
            peakAt: at(peak), endedAt: end.map(at), peakReports: peakReports, baselineReports: baseline,
            totalReports: peakReports * 4, excessReports: peakReports * 4 - Int(baseline * 5),
            scope: place.isGlobal ? (regions.count > 1 ? .global : .regional) : .regional,
            regions: regions.compactMap { try? Region.parse($0) }, topProblems: problems, problemMixShift: 0.55,
            summary: summary
                ?? "Unofficial: user reports \(end == nil ? "indicate" : "indicated") problems with \(service.name) "
                + "(\(problems.first?.problem.rawValue ?? "other") \(Int(((problems.first?.share ?? 0) * 100).rounded()))%).",
            evidence: IncidentEvidence(
                baseline: baseline, observed: Double(peakReports), statistic: 20, ratio: ratio, reporters: 180,
                possibleThreshold: 3, likelyThreshold: 12, minimumRatio: 1.5, minimumReporters: 10, baselineMature: true
            )
        )
    }

    static func compact(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(civil.year)\(pad(civil.month))\(pad(civil.day))T\(pad(civil.hour))\(pad(civil.minute))Z"
    }

    /// WhatsApp's status page acknowledged the outage at 15:27, 27 minutes after users began reporting.
    static let whatsappOfficial = OfficialAcknowledgement(
        status: .acknowledged, acknowledgedAt: at(27), leadMinutes: 27, title: "Messaging delays",
        url: "https://status.whatsapp.example/incidents/x1_y2", incidentID: "x1_y2", impact: "major"
    )

    static let whatsappGlobal: Incident = {
        var incident = ExportScenario.incident(whatsapp, start: 0, detected: 4, peak: 10, end: 75)
        incident.official = whatsappOfficial
        return incident
    }()
    static let whatsappUS: Incident = {
        var incident = ExportScenario.incident(
            whatsapp, region: "US", start: 2, detected: 7, peak: 12, end: 65, peakReports: 180, baseline: 8,
            regions: ["US"]
        )
        incident.official = whatsappOfficial
        incident.official?.leadMinutes = 25
        return incident
    }()
    /// Instagram's status page has not acknowledged the open incident; the café has no linked status page.
    static let instagramOpen: Incident = {
        var incident = ExportScenario.incident(
            instagram, start: 5, detected: 9, peak: 20, end: nil, peakReports: 220, baseline: 10)
        incident.official = .notAcknowledged
        return incident
    }()
    static let cafeDE = incident(
        cafe, region: "DE", start: -180, detected: -176, peak: -170, end: -140, peakReports: 40, baseline: 3,
        regions: ["DE"],
        problems: [ProblemShare(problem: .payments, share: 0.6), ProblemShare(problem: .website, share: 0.4)],
        summary: "Unofficial: user reports indicated problems with Tom's \"Café\", Inc <b> (payments 60%) in DE, "
            + "from 12:00 to 12:40 UTC — 13× the usual volume at the peak."
    )
    /// In the history only (before the range).
    static let whatsappJanuary: Incident = {
        var january = incident(whatsapp, start: 0, detected: 5, peak: 30, end: 190)
        let shift: Int64 = -(55 * 86_400)  // 10 January 2024, 15:00
        january.id = "whatsapp/global/20240110T1500Z"
        january.startedAt = january.startedAt.adding(seconds: shift)
        january.detectedAt = january.detectedAt.adding(seconds: shift)
        january.peakAt = january.peakAt.adding(seconds: shift)
        january.endedAt = january.endedAt?.adding(seconds: shift)
        january.official = .notAcknowledged
        return january
    }()

    static var incidents: [Incident] { [instagramOpen, whatsappUS, whatsappGlobal, cafeDE] }

    static let groupEvent = GroupEvent(
        id: "meta/20240305T1500Z", group: "meta", status: .open, startedAt: at(0), endedAt: nil,
        epicentre: whatsapp.slug, collateral: [instagram.slug], services: [whatsapp.slug, instagram.slug],
        incidentIds: [whatsappGlobal.id, instagramOpen.id],
        summary:
            "Unofficial: user reports suggest WhatsApp and Instagram (meta) have overlapping problems since 15:00 UTC; "
            + "WhatsApp looks like the epicentre."
    )

    /// WhatsApp's chart, 12:00–18:00 in one-minute buckets: about two reports a minute, rising to 24 in the outage.
    static func whatsappChart() -> ServiceChart {
        let from = since
        let points = (0..<360).map { index -> ServiceChart.Point in
            let minute = Int64(index)
            let expected = 2.0 + Double(index % 60) / 60
            var reports = (index * 7) % 5
            if (180..<255).contains(index) {
                let inOutage = index - 180
                reports +=
                    inOutage < 5
                    ? inOutage * 4 : (inOutage < 65 ? 22 - (inOutage % 3) : max(0, 22 - (inOutage - 65) * 2))
            }
            return ServiceChart.Point(
                start: from.adding(minutes: minute), reports: reports, baseline: BaselineBand(expected: expected))
        }
        return ServiceChart(
            service: whatsapp, region: .global, from: from, to: generatedAt, bucket: .width(.oneMinute), points: points,
            incidents: [whatsappUS, whatsappGlobal], asOf: generatedAt
        )
    }

    /// The café's chart without a baseline (no detector state).
    static func cafeChart() -> ServiceChart {
        let points = (0..<360).map { index in
            ServiceChart.Point(
                start: since.adding(minutes: Int64(index)), reports: index < 40 ? 3 : (index % 4 == 0 ? 1 : 0),
                baseline: nil
            )
        }
        return ServiceChart(
            service: cafe, region: (try? Region.parse("DE")) ?? .global, from: since, to: generatedAt,
            bucket: .width(.oneMinute),
            points: points, incidents: [cafeDE], asOf: generatedAt
        )
    }

    static func report(charts: Bool = true) -> ExportReport {
        let services = [whatsapp, instagram, gmail, cafe]
        let everything = incidents + [whatsappJanuary]
        return ExportReport(
            generatedAt: generatedAt, since: since, until: generatedAt,
            range: ExportRange(from: since, to: generatedAt), incidents: incidents, groupEvents: [groupEvent],
            services: services, charts: charts ? [whatsappChart(), cafeChart()] : [],
            histories: [whatsapp, instagram, cafe].map {
                IncidentHistory(service: $0, incidents: everything, asOf: generatedAt)
            },
            currentLevels: [instagram.slug: .likely, gmail.slug: .possible, whatsapp.slug: .normal]
        )
    }
}
