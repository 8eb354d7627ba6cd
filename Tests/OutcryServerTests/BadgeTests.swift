import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `GET /v1/services/{slug}/badge.svg`: the crowd's level as a shields-style badge anyone may embed.
@Suite(.timeLimit(.minutes(10)))
struct BadgeTests {
    /// The badge's words for each level the reading API reports.
    static let messages = [
        "likely": "likely outage (unofficial)", "possible": "possible problems", "normal": "no problems reported",
    ]
    static let colors = ["likely": "#e05d44", "possible": "#fe7d37", "normal": "#44cc11"]

    @Test func badgeShowsTheLevelTheReadingAPIShowsInAllThreeStates() async throws {
        let log = DetectionSchedulerTests.TickLog()
        let harness = try DetectionSchedulerTests.fixtureHarness(
            log: log, now: OutageFixture.outageStart.adding(minutes: 40))
        try await harness.test { client in
            var seen: Set<String> = []
            var ticks = 0
            // Before the outage, through its ramp (five minutes), and at its height.
            for minutes: Int64 in [-60, 1, 2, 3, 4, 5, 6, 8, 10, 40] {
                harness.ticks.tick(OutageFixture.outageStart.adding(minutes: minutes))
                ticks += 1
                await log.wait(for: ticks)
                let level = try #require(try await client.get("/v1/services/whatsapp").json()["level"] as? String)
                let badge = try await client.get("/v1/services/whatsapp/badge.svg")
                #expect(badge.status == .ok)
                let svg = badge.text
                #expect(svg.contains(">WhatsApp</text>"), "the label is the service's display name")
                #expect(svg.contains(">\(try #require(Self.messages[level]))</text>"), "minute \(minutes): \(level)")
                #expect(svg.contains("fill=\"\(try #require(Self.colors[level]))\""), "minute \(minutes): \(level)")
                #expect(Self.isWellFormed(svg))
                seen.insert(level)
            }
            #expect(seen == ["normal", "possible", "likely"], "the fixture passes through all three levels")
            // The quiet service stays green at the outage's height.
            let quiet = try await client.get("/v1/services/\(OutageFixture.quietSlug)/badge.svg").text
            #expect(quiet.contains(">no problems reported</text>") && quiet.contains("#44cc11"))
        }
    }

    @Test func styleIsAnAllowList() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let flat = try await client.get("/v1/services/whatsapp/badge.svg?style=flat")
            let byDefault = try await client.get("/v1/services/whatsapp/badge.svg")
            #expect(flat.status == .ok && flat.text == byDefault.text, "flat is the default")
            #expect(flat.text.contains("rx=\"3\"") && flat.text.contains("linearGradient"))
            let plain = try await client.get("/v1/services/whatsapp/badge.svg?style=plain")
            #expect(plain.status == .ok)
            #expect(
                !plain.text.contains("linearGradient") && !plain.text.contains("rx=")
                    && !plain.text.contains("fill-opacity"))
            #expect(Self.isWellFormed(plain.text))

            for bad in [
                "round", "FLAT", "flat%20", "plain&style=flat", "%3Cscript%3E", String(repeating: "x", count: 500),
            ] {
                let response = try await client.get("/v1/services/whatsapp/badge.svg?style=\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try response.json()
                #expect(json["field"] as? String == "style", "\(bad)")
                let message = try #require(json["error"] as? String)
                #expect(message.contains("flat or plain") || message.contains("more than once"), "\(message)")
            }
        }
    }

    @Test func hostileServiceNamesAreEscapedAndShortened() async throws {
        let hostile =
            "<script>alert(1)</script>\u{202E}&\"'\u{1B}[2J <a href=\"x\">Evil Corp Messenger Worldwide Edition Plus</a>"
        let harness = try ServerHarness(prepare: { path in
            try OutcryDatabase.file(path, services: [.fixture("evil", name: hostile)]).close()
        })
        try await harness.test { client in
            let response = try await client.get("/v1/services/evil/badge.svg")
            #expect(response.status == .ok)
            let svg = response.text
            #expect(Self.isWellFormed(svg), "\(svg)")
            #expect(
                !svg.contains("<script") && !svg.contains("<a ") && !svg.contains("\u{202E}") && !svg.contains("\u{1B}")
            )
            #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
            #expect(svg.contains("…</text>"), "a long name is shortened")
            #expect(svg.contains("aria-label=\"&lt;script&gt;"), "attributes are escaped too")
        }
    }

    @Test func cacheHeadersSafeHeadersAndConditionalRequests() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.get("/v1/services/whatsapp/badge.svg")
            #expect(response.headers[.contentType] == "image/svg+xml")
            #expect(response.headers[.cacheControl] == "public, max-age=60")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'unsafe-inline'")
            let tag = try #require(response.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 18)
            let again = try await client.get("/v1/services/whatsapp/badge.svg")
            #expect(again.text == response.text && again.headers[.eTag] == tag, "the same state draws the same bytes")
            let plain = try await client.get("/v1/services/whatsapp/badge.svg?style=plain")
            #expect(plain.headers[.eTag] != tag)

            for condition in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
                let notModified = try await client.execute(
                    uri: "/v1/services/whatsapp/badge.svg", method: .get, headers: [.ifNoneMatch: condition])
                #expect(notModified.status == .notModified, "\(condition)")
                #expect(notModified.body.readableBytes == 0)
                #expect(notModified.headers[.eTag] == tag && notModified.headers[.cacheControl] == "public, max-age=60")
            }
            let changed = try await client.execute(
                uri: "/v1/services/whatsapp/badge.svg", method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""])
            #expect(changed.status == .ok && changed.text == response.text)
        }
    }

    @Test func unknownServiceGetsAGrey404Badge() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            for uri in ["/v1/services/nosuch/badge.svg", "/v1/services/Not%20A%20Slug/badge.svg"] {
                let response = try await client.get(uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(response.text.contains(">unknown service</text>") && response.text.contains("#9f9f9f"))
                #expect(Self.isWellFormed(response.text))
            }
        }
    }

    @Test(arguments: [
        "WhatsApp", "Gmail", "a", "W", "Ünïcödé Bank", "微信", "✈️ Airline", String(repeating: "m", count: 40),
    ])
    func widthsComeFromTheTableAndFitTheText(name: String) throws {
        let svg = BadgeSVG.render(label: name, message: "possible problems", color: .orange, style: .flat)
        #expect(svg == BadgeSVG.render(label: name, message: "possible problems", color: .orange, style: .flat))
        let label = BadgeSVG.displayLabel(name)
        let labelWidth = BadgeSVG.pixels(BadgeSVG.textWidthTenths(label)) + 2 * BadgeSVG.padding
        let messageWidth = BadgeSVG.pixels(BadgeSVG.textWidthTenths("possible problems")) + 2 * BadgeSVG.padding
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + messageWidth)\" height=\"20\""))
        #expect(svg.contains("textLength=\"\(BadgeSVG.textWidthTenths(label))\""))
        #expect(labelWidth >= 2 * BadgeSVG.padding + label.count * 3, "at least a narrow glyph per character")
    }

    @Test func labelsAreCleanedAndBounded() {
        #expect(BadgeSVG.asciiAdvances.count == 0x7F - 0x20)
        #expect(BadgeSVG.displayLabel("  Whats\tApp \u{202E}\u{0007} ") == "Whats App")
        #expect(BadgeSVG.displayLabel("\u{1B}\u{202E}  ") == "outcry")
        let long = String(repeating: "Long name ", count: 20)
        let shortened = BadgeSVG.displayLabel(long)
        #expect(shortened.count <= BadgeSVG.maximumLabelCharacters && shortened.hasSuffix("…"))
        let exactlyFull = String(repeating: "x", count: BadgeSVG.maximumLabelCharacters)
        #expect(BadgeSVG.displayLabel(exactlyFull) == exactlyFull)
        // A single character carrying thousands of combining marks is cut by scalars too.
        let zalgo = "Z" + String(repeating: "\u{0301}", count: 5_000) + "algo"
        let cut = BadgeSVG.displayLabel(zalgo)
        #expect(cut.unicodeScalars.count <= BadgeSVG.maximumLabelScalars)
        // Any text gives a width within bounds, without trapping.
        var generator = SplitMix64(seed: 14)
        for _ in 0..<500 {
            let scalars = (0..<Int(generator.next() % 300)).compactMap { _ in
                Unicode.Scalar(UInt32(generator.next() % 0x3_0000))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let label = BadgeSVG.displayLabel(text)
            #expect(BadgeSVG.textWidthTenths(label) <= BadgeSVG.maximumLabelScalars * 118)
            #expect(Self.isWellFormed(BadgeSVG.render(label: text, message: "x", color: .green, style: .plain)))
        }
    }

    /// Whether `document` parses as XML (escaping kept it well-formed).
    static func isWellFormed(_ document: String) -> Bool {
        XMLParser(data: Data(document.utf8)).parse()
    }
}
