import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The Atom feed of incident state changes: well-formed Atom 1.0, one entry per change, unofficial throughout.
@Suite(.timeLimit(.minutes(10))) struct AtomFeedRendererTests {
    static func incident(id: String = "whatsapp/global/202403051531", summary: String, level: AlertLevel = .likely)
        -> Incident
    {
        let evidence = IncidentEvidence(
            baseline: 4, observed: 80, statistic: 12, ratio: 20, reporters: 70, possibleThreshold: 3,
            likelyThreshold: 6,
            minimumRatio: 2, minimumReporters: 5, baselineMature: true)
        return Incident(
            id: id, service: ServiceSlug(rawValue: "whatsapp")!, region: .global, status: .open, level: level,
            detectedAt: Instants.outageAfternoon, startedAt: Instants.outageAfternoon.adding(seconds: -600),
            peakAt: Instants.outageAfternoon, endedAt: nil, peakReports: 80, baselineReports: 4, totalReports: 300,
            excessReports: 280, scope: .global, regions: [], topProblems: [], problemMixShift: 0, summary: summary,
            evidence: evidence)
    }

    @Test func entriesAreWellFormedAtomWithStableIdsAndUnofficialTitles() throws {
        let entries = [
            IncidentFeedEntry(
                eventID: 7, kind: "resolved", occurredAt: Instants.outageAfternoon.adding(seconds: 3_600),
                incident: Self.incident(summary: "Unofficial: problems with WhatsApp <&> \"quotes\"")),
            IncidentFeedEntry(
                eventID: 3, kind: "opened", occurredAt: Instants.outageAfternoon,
                incident: Self.incident(summary: "Unofficial: problems with WhatsApp")),
        ]
        let xml = AtomFeedRenderer.render(
            entries, services: [.fixture(name: "WhatsApp")], baseURL: "http://127.0.0.1:8080",
            generatedAt: Instants.outageAfternoon.adding(seconds: 7_200), feedIdentity: "0123abcd")
        let probe = XMLDocumentProbe(xml)
        #expect(probe.error == nil)
        #expect(probe.root?.name == "feed")
        #expect(probe.root?.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(probe.all("entry").count == 2)
        // RFC 4287 requires id, title and updated on the feed and on every entry.
        #expect(probe.all("id").count == 3)
        #expect(probe.all("updated").count == 3)
        // The feed's `updated` is its newest entry's, not the render time.
        #expect(
            xml.contains("<updated>\(Instants.outageAfternoon.adding(seconds: 3_600).iso8601)</updated>\n  <author>"))
        // Ids are URNs of the feed's identity, not of the address it was fetched from.
        #expect(xml.contains("<id>urn:outcry:0123abcd:incidents:event:7</id>"))
        #expect(xml.contains("<id>urn:outcry:0123abcd:incidents</id>"))
        #expect(xml.contains("Unofficial: likely outage of WhatsApp (all regions) ended"))
        #expect(xml.contains("Unofficial: likely outage of WhatsApp (all regions) began"))
        #expect(probe.text.contains("Unofficial: problems with WhatsApp <&> \"quotes\""))
        #expect(xml.contains("href=\"http://127.0.0.1:8080/v1/incidents/whatsapp/global/202403051531\""))
    }

    @Test func anEmptyFeedIsStillValidAndDatedAtGeneration() {
        let generatedAt = Instants.outageAfternoon
        let xml = AtomFeedRenderer.render(
            [], services: [], baseURL: "http://localhost", generatedAt: generatedAt, feedIdentity: "0123abcd")
        let probe = XMLDocumentProbe(xml)
        #expect(probe.error == nil)
        #expect(probe.all("entry").isEmpty)
        #expect(xml.contains("<updated>\(generatedAt.iso8601)</updated>"))
        #expect(xml.contains("unofficial"))
    }

    @Test func feedIdentityIsPermanentPerDatabaseAndDistinctBetweenThem() throws {
        let directory = TemporaryDirectory(prefix: "outcry-feed")
        let logger = Logger(label: "outcry.test") { _ in SwiftLogNoOpLogHandler() }
        func identity(_ name: String) throws -> String {
            let engine = try Engine(
                path: directory.path(name), clock: FixedTimeSource(Instants.outageAfternoon), logger: logger)
            defer { engine.close() }
            return engine.feedIdentity
        }
        let first = try identity("a.sqlite")
        #expect(first.count == 24 && first.allSatisfy(\.isHexDigit))
        // Reopened (a daemon restart): the same feed.
        #expect(try identity("a.sqlite") == first)
        // Another database: another feed.
        #expect(try identity("b.sqlite") != first)
    }
}
