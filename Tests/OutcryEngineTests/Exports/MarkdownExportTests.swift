import Foundation
import OutcryEngine
import Testing

/// `--format markdown`: the report for people.
@Suite(.timeLimit(.minutes(10))) struct MarkdownExportTests {
    static let text = MarkdownReportRenderer.render(ExportScenario.report())

    @Test func opensWithTheRangeAndTheDisclaimer() {
        let lines = Self.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "# Outcry incident report: 5 Mar 2024 12:00 – 18:00 UTC")
        #expect(
            lines.contains(
                "> **Unofficial: these incidents are inferred from user problem reports. They indicate likely outages; they are not confirmed by the services.**"
            ))
    }

    @Test func hasTheSummaryTableWithARowPerIncident() {
        let rows = Self.text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.first?.hasPrefix("| Service | Region | Level | Status | Onset | Duration |") == true)
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "| WhatsApp | global | likely | resolved | 5 Mar 2024 15:00 UTC | 1 h 15 min | 300 / 12.5 |")
            })
        #expect(
            rows.contains { $0.contains("| Instagram | global | likely | open | 5 Mar 2024 15:05 UTC | ongoing |") })
    }

    @Test func eachIncidentHasTimelineProblemsRegionsAndHistory() {
        #expect(Self.text.contains("- **Detected:** 5 Mar 2024 15:04 UTC (+4 min)"))
        #expect(
            Self.text.contains("- **Peak:** 5 Mar 2024 15:10 UTC (+10 min) — 300 reports per 15 min, usual 12.5 (24×)"))
        #expect(Self.text.contains("- **Recovery:** 5 Mar 2024 16:15 UTC (+1 h 15 min)"))
        #expect(Self.text.contains("- **Recovery:** not yet (ongoing for 2 h 55 min)"))
        #expect(Self.text.contains("| login | 75% |"))
        #expect(Self.text.contains("- **Regions:** US, DE"))
        #expect(
            Self.text.contains("- **History:** 2nd incident for WhatsApp in 2024; previous: 10 Jan 2024, 3 h 10 min"))
        #expect(Self.text.contains("- **History:** 1st incident for Instagram in 2024; no earlier incident recorded"))
    }

    @Test func showsWhatTheOfficialStatusPageSaid() {
        let rows = Self.text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.first?.hasSuffix("| Top problem | Official |") == true)
        #expect(rows.contains { $0.hasPrefix("| WhatsApp | global |") && $0.hasSuffix("| acknowledged +27 min |") })
        #expect(rows.contains { $0.hasPrefix("| Instagram | global |") && $0.hasSuffix("| not acknowledged |") })
        #expect(rows.contains { $0.hasPrefix("| Tom") && $0.hasSuffix("| — |") })
        #expect(
            Self.text.contains(
                "Official status page: acknowledged at 15:27 UTC, 27 min after users began reporting — \"Messaging delays\" "
                    + "(https://status.whatsapp.example/incidents/x1\\_y2)"
            )
        )
        #expect(Self.text.contains("\nOfficial status page: not acknowledged\n"))
        #expect(Self.text.components(separatedBy: "Official status page:").count - 1 == 3, "none for the café")
        #expect(Self.text.contains("- **Officially acknowledged:** 1 of 2"))
        #expect(Self.text.contains("- **Median lead over the status page:** 27 min ahead"))
        #expect(Self.text.contains("> **Unofficial:"), "the disclaimer stays")
    }

    @Test func escapesMarkupInNames() {
        #expect(Self.text.contains("Tom's \"Café\", Inc \\<b\\>"))
        #expect(!Self.text.contains("Inc <b>"))
    }

    @Test func historySectionHasStatistics() {
        #expect(Self.text.contains("## History"))
        #expect(Self.text.contains("### WhatsApp (whatsapp)"))
        #expect(Self.text.contains("- **Mean time between incidents:** 55 d"))
        #expect(Self.text.contains("| 2024 | 2 | 1 | 0 | 1 |"))
    }
}
