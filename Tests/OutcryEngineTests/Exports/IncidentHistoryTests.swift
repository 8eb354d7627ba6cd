import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry history` statistics: episodes, per year and month, durations, spacing.
@Suite(.timeLimit(.minutes(10))) struct IncidentHistoryTests {
    /// An incident of WhatsApp starting `day` days after 1 March 2024 00:00, lasting `minutes` (open when nil).
    static func incident(day: Int64, hour: Int64 = 0, minutes: Int64?, region: String = "global") -> Incident {
        var incident = ExportScenario.whatsappGlobal
        let start = Instants.startOfMarch.adding(seconds: day * 86_400 + hour * 3600)
        incident.id = "whatsapp/\(region)/\(day)-\(hour)"
        incident.region = (try? Region.parseAllowingGlobal(region)) ?? .global
        incident.startedAt = start
        incident.detectedAt = start.adding(minutes: 3)
        incident.peakAt = start.adding(minutes: 5)
        incident.endedAt = minutes.map { start.adding(minutes: $0) }
        incident.status = minutes == nil ? .open : .resolved
        incident.official = nil
        return incident
    }

    static let asOf = Instants.startOfMarch.adding(seconds: 400 * 86_400)

    @Test func overlappingIncidentsCountOnce() {
        let history = IncidentHistory(
            service: ExportScenario.whatsapp,
            incidents: [
                Self.incident(day: 0, minutes: 60), Self.incident(day: 0, minutes: 90, region: "US"),
                Self.incident(day: 0, hour: 1, minutes: 60, region: "DE"), Self.incident(day: 3, minutes: 30),
            ],
            asOf: Self.asOf
        )
        #expect(history.count == 2)
        #expect(history.episodes[0].incidentIDs.count == 3)
        #expect(history.episodes[0].durationSeconds(asOf: Self.asOf) == 120 * 60)
    }

    @Test func otherServicesAreIgnored() {
        let history = IncidentHistory(
            service: ExportScenario.whatsapp, incidents: [ExportScenario.instagramOpen], asOf: Self.asOf)
        #expect(history.count == 0)
        #expect(history.statistics.map(\.value) == ["none recorded"])
    }

    @Test func statisticsPerYearAndMonth() throws {
        let incidents = [
            Self.incident(day: 0, minutes: 60),  // 1 Mar 2024
            Self.incident(day: 4, minutes: 30),  // 5 Mar 2024
            Self.incident(day: 40, minutes: 240),  // 10 Apr 2024
            Self.incident(day: 320, minutes: 10),  // 15 Jan 2025
        ]
        let history = IncidentHistory(service: ExportScenario.whatsapp, incidents: incidents, asOf: Self.asOf)
        #expect(history.count == 4)
        #expect(history.totalSeconds == (60 + 30 + 240 + 10) * 60)
        let median = try #require(history.medianSeconds)
        #expect(median == 45 * 60, "mean of the middle two")
        #expect(history.longest?.incidentIDs == [incidents[2].id])
        let between = try #require(history.meanSecondsBetween)
        #expect(between == 320 * 86_400 / 3)
        let years = history.years
        #expect(years.map(\.year) == [2024, 2025])
        #expect(years[0].count == 3 && years[0].monthCounts[2] == 2 && years[0].monthCounts[3] == 1)
        #expect(years[0].medianSeconds == 60 * 60 && years[0].totalSeconds == 330 * 60)
        #expect(years[1].monthCounts[0] == 1)
        let only2025 = history.restricted(toYear: 2025)
        #expect(only2025.count == 1 && only2025.meanSecondsBetween == nil)
    }

    @Test func openEpisodesLastUntilAsOf() {
        let history = IncidentHistory(
            service: ExportScenario.whatsapp, incidents: [Self.incident(day: 0, minutes: nil)],
            asOf: Instants.startOfMarch.adding(minutes: 50)
        )
        #expect(history.totalSeconds == 50 * 60)
        #expect(history.episodes[0].isOpen)
    }

    @Test func lineNamesTheRankInTheYearAndThePreviousIncident() {
        let incidents = [
            Self.incident(day: 0, minutes: 190), Self.incident(day: 4, minutes: 30),
            Self.incident(day: 320, minutes: 10),
        ]
        let history = IncidentHistory(service: ExportScenario.whatsapp, incidents: incidents, asOf: Self.asOf)
        #expect(history.line(for: incidents[0]) == "1st incident for WhatsApp in 2024; no earlier incident recorded")
        #expect(
            history.line(for: incidents[1]) == "2nd incident for WhatsApp in 2024; previous: 1 Mar 2024, 3 h 10 min")
        #expect(history.line(for: incidents[2]) == "1st incident for WhatsApp in 2025; previous: 5 Mar 2024, 30 min")
        #expect(history.line(for: ExportScenario.instagramOpen) == nil)
    }

    @Test func terminalRenderingShowsTheTable() {
        let history = IncidentHistory(
            service: ExportScenario.whatsapp,
            incidents: [Self.incident(day: 0, minutes: 60), Self.incident(day: 40, minutes: 30)],
            asOf: Self.asOf
        )
        let text = IncidentHistoryTextRenderer.render(history)
        #expect(text.hasPrefix("WhatsApp (whatsapp) — incident history\nUnofficial:"))
        #expect(text.contains("Mean time between incidents: 40 d"))
        #expect(text.contains("Longest:"))
        let row = text.split(separator: "\n").first { $0.hasPrefix("2024") }
        #expect(row.map { $0.split(separator: " ").prefix(6) == ["2024", "2", "0", "0", "1", "1"] } == true)
    }

    @Test(arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
        (102, "102nd"),
    ])
    func ordinals(number: Int, text: String) {
        #expect(ExportText.ordinal(number) == text)
    }
}
