import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// `--format html`: one self-contained, printable, well-formed (XHTML-compatible) page with the charts inline.
@Suite(.timeLimit(.minutes(10))) struct HTMLExportTests {
    static let text = HTMLReportRenderer.render(ExportScenario.report())

    @Test func parsesAsXML() throws {
        let probe = XMLDocumentProbe(Self.text)
        #expect(probe.error == nil, "\(String(describing: probe.error))")
        let root = try #require(probe.root)
        #expect(root.name == "html" && root.attributes["xmlns"] == "http://www.w3.org/1999/xhtml")
        #expect(Self.text.hasPrefix("<!DOCTYPE html>\n"))
    }

    @Test func isSelfContained() {
        let probe = XMLDocumentProbe(Self.text)
        #expect(probe.all("script").isEmpty && probe.all("link").isEmpty && probe.all("img").isEmpty)
        #expect(probe.all("iframe").isEmpty && probe.all("object").isEmpty)
        #expect(!Self.text.contains("src=") && !Self.text.contains("href=") && !Self.text.contains("url("))
        // The only URL is the official incident's, as text (nothing is fetched or linked).
        let official = ExportScenario.whatsappOfficial.url ?? ""
        #expect(!official.isEmpty && !Self.text.replacingOccurrences(of: official, with: "").contains("https://"))
        #expect(Self.text.contains("@media print"))
    }

    @Test func carriesTheReportAndTheCharts() {
        let probe = XMLDocumentProbe(Self.text)
        #expect(probe.all("svg").count == 2)
        #expect(probe.all("svg").allSatisfy { $0.attributes["xmlns"] == "http://www.w3.org/2000/svg" })
        #expect(probe.text.contains(IncidentExportDocument.disclaimer))
        #expect(probe.text.contains("2nd incident for WhatsApp in 2024; previous: 10 Jan 2024, 3 h 10 min"))
        #expect(probe.text.contains("Tom's \"Café\", Inc <b>"))
        #expect(probe.all("b").isEmpty)
        #expect(probe.all("h3").count >= ExportScenario.incidents.count)
    }

    @Test func showsWhatTheOfficialStatusPageSaid() {
        let probe = XMLDocumentProbe(Self.text)
        #expect(
            probe.text.contains(
                "Official status page: acknowledged at 15:27 UTC, 27 min after users began reporting — \"Messaging delays\" "
                    + "(https://status.whatsapp.example/incidents/x1_y2)"
            )
        )
        #expect(probe.text.contains("Official status page: not acknowledged"))
        #expect(probe.text.contains("acknowledged +27 min") && probe.text.contains("Officially acknowledged"))
        #expect(probe.text.contains(IncidentExportDocument.disclaimer), "the incidents stay unofficial")
        #expect(Self.text.contains("<th>Official</th>"))
    }
}
