import Foundation
import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// The provider renderers keep to the documented limits whatever the text, and cut text only between whole
/// characters.
@Suite(.timeLimit(.minutes(10))) struct NativeMessageLimitTests {
    /// Graphemes of every width: ASCII, a combining sequence, CJK, a flag, a family (ZWJ sequence), a
    /// skin-toned emoji, and line breaks that must not survive into one-line fields.
    static let graphemes = ["a", "Z", " ", "e\u{301}", "語", "🇺🇸", "👩‍👩‍👧‍👦", "👍🏽", "\r\n", "<", "&", "*", "\""]

    /// A deterministic generator (SplitMix64), so a failure replays.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomText(length: Int, using generator: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<length { text += graphemes.randomElement(using: &generator) ?? "a" }
        return text
    }

    @Test func truncationKeepsWholeCharactersWithinTheLimit() {
        var generator = SplitMix(state: 14)
        for _ in 0..<2_000 {
            let text = Self.randomText(length: Int.random(in: 0...80, using: &generator), using: &generator)
            let limit = Int.random(in: 0...120, using: &generator)
            let cut = TextLimit.truncated(text, to: limit)
            #expect(cut.utf16.count <= limit)
            if cut != text {
                #expect(cut.isEmpty || cut.hasSuffix("…"))
                let kept = Array(cut.dropLast())
                #expect(kept == Array(Array(text).prefix(kept.count)), "\(text) cut to \(cut)")
            }
            let bytes = TextLimit.truncated(text, toUTF8Bytes: limit)
            #expect(bytes.utf8.count <= limit)
        }
    }

    static func hostileContent(nameLength: Int, summaryLength: Int, seed: UInt64) -> AlertContent {
        var generator = SplitMix(state: seed)
        var incident = Incident.fixture()
        incident.summary = "Unofficial: " + randomText(length: summaryLength, using: &generator)
        incident.regions = (0..<300).compactMap { try? Region.parse(["US", "GB", "BR", "DE"][$0 % 4]) }
        let name = "Evil\r\nBcc: x@y " + randomText(length: nameLength, using: &generator)
        return AlertContent(
            event: "opened", incident: incident, serviceName: name, publicURL: "https://outcry.example.org")
    }

    @Test(arguments: [(10, 10), (400, 5_000), (2_000, 50_000)])
    func everyProviderStaysWithinItsLimits(nameLength: Int, summaryLength: Int) throws {
        let content = Self.hostileContent(
            nameLength: nameLength, summaryLength: summaryLength, seed: UInt64(summaryLength))
        let bodies: [(ProviderReceiver.Provider, String)] = [
            (.slack, SlackMessage.body(for: content)),
            (.teams, TeamsMessage.body(for: content)),
            (.discord, DiscordMessage.body(for: content)),
            (.googlechat, GoogleChatMessage.body(for: content)),
            (.pagerduty, PagerDutyMessage.body(for: content, routingKey: String(repeating: "a", count: 32))),
        ]
        for (provider, body) in bodies {
            #expect(ProviderReceiver.problems(in: Array(body.utf8), for: provider) == [], "\(provider)")
        }
        #expect(!content.title.contains("\n") && !content.title.contains("\r"))
    }

    @Test func slackEscapesItsControlCharactersSoANameCannotMentionOrLink() throws {
        var incident = Incident.fixture()
        incident.summary = "Unofficial: problems with <!channel> <https://evil.example|click>."
        let content = AlertContent(event: "opened", incident: incident, serviceName: "<!here> & co", publicURL: nil)
        let body = SlackMessage.body(for: content)
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        // Slack parses mentions and links in `text` and in mrkdwn objects (plain_text shows text as is).
        var parsed = [object["text"] as? String ?? ""]
        func collect(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                if dictionary["type"] as? String == "mrkdwn", let text = dictionary["text"] as? String {
                    parsed.append(text)
                }
                dictionary.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(object["blocks"] ?? [])
        #expect(parsed.count > 3)
        for text in parsed {
            #expect(!text.contains("<!") && !text.contains("<https://evil"), "\(text)")
        }
        #expect(body.contains("&lt;!channel&gt;") && body.contains("&amp; co"))
    }

    @Test func googleChatCardTextsEscapeTheirMarkupLikeSlack() throws {
        var incident = Incident.fixture()
        incident.summary = "Unofficial: problems with <b>AT&T</b>."
        let content = AlertContent(event: "opened", incident: incident, serviceName: "<i>A & B</i>", publicURL: nil)
        let body = GoogleChatMessage.body(for: content)
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        // Every card text (paragraphs and decorated texts) is escaped; the plain `text` fallback is not HTML.
        var texts: [String] = []
        func collect(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for key in ["textParagraph", "decoratedText"] {
                    if let widget = dictionary[key] as? [String: Any] {
                        texts += ["text", "topLabel"].compactMap { widget[$0] as? String }
                    }
                }
                dictionary.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(object["cardsV2"] ?? [])
        #expect(texts.count > 3)
        for text in texts {
            #expect(!text.contains("<") && !text.contains(">"), "\(text)")
            #expect(
                text.replacingOccurrences(of: "&amp;", with: "").replacingOccurrences(of: "&lt;", with: "")
                    .replacingOccurrences(of: "&gt;", with: "").contains("&") == false, "\(text)")
        }
        #expect(texts.contains { $0.contains("&lt;b&gt;AT&amp;T&lt;/b&gt;") })
        // Slack escapes the same three characters the same way.
        #expect(SlackMessage.body(for: content).contains("&lt;b&gt;AT&amp;T&lt;/b&gt;"))
    }

    @Test func discordNeverPingsAndGoogleChatNeverMentions() throws {
        let content = AlertContent(
            event: "opened", incident: .fixture(), serviceName: "@everyone <users/all>", publicURL: nil)
        let discord = try #require(
            JSONSerialization.jsonObject(with: Data(DiscordMessage.body(for: content).utf8)) as? [String: Any])
        let mentions = try #require(discord["allowed_mentions"] as? [String: Any])
        #expect((mentions["parse"] as? [Any])?.isEmpty == true)
        let chat = try #require(
            JSONSerialization.jsonObject(with: Data(GoogleChatMessage.body(for: content).utf8)) as? [String: Any])
        #expect((chat["text"] as? String)?.contains("<users/all>") == false)
    }

    @Test func discordTextCannotMakeAMaskedLink() throws {
        var incident = Incident.fixture()
        incident.summary = "Unofficial: see [the fix](https://evil.example) now."
        let body = DiscordMessage.body(
            for: AlertContent(
                event: "opened", incident: incident, serviceName: "[x](https://evil.example)", publicURL: nil))
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let embed = try #require((object["embeds"] as? [[String: Any]])?.first)
        #expect((embed["description"] as? String)?.contains("\\[the fix\\](https://evil.example)") == true)
        let values = (embed["fields"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        #expect(values.contains("\\[x\\](https://evil.example)"))
    }

    @Test func teamsUsesTheWorkflowsEnvelopeAndACardVersionTeamsRenders() throws {
        let body = TeamsMessage.body(
            for: AlertContent(event: "resolved", incident: .fixture(), serviceName: "WhatsApp", publicURL: nil))
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(object["type"] as? String == "message")
        #expect(card["version"] as? String == "1.4")
        #expect(TeamsMessage.cardVersion == "1.4")
    }

    @Test(arguments: [
        ("opened", "Unofficial: likely outage of WhatsApp (all regions) began"),
        ("level_raised", "Unofficial: likely outage of WhatsApp (all regions): level raised to likely"),
        (
            "widened",
            "Unofficial: likely outage of WhatsApp (all regions): widened from one region to the whole service"
        ),
        ("resolved", "Unofficial: likely outage of WhatsApp (all regions) ended"),
        (
            "acknowledged",
            "Official status page acknowledged the likely outage of WhatsApp (all regions) (crowd report unofficial)"
        ),
        ("test", "Unofficial TEST from Outcry: sample likely outage of WhatsApp (all regions), not a real incident"),
    ])
    func everyTitleSaysUnofficial(event: String, title: String) {
        let content = AlertContent(event: event, incident: .fixture(), serviceName: "WhatsApp", publicURL: nil)
        #expect(content.title == title)
    }

    @Test func pagerDutySeverityFollowsTheLevel() {
        let likely = AlertContent(event: "opened", incident: .fixture(level: .likely), serviceName: nil, publicURL: nil)
        let possible = AlertContent(
            event: "opened", incident: .fixture(level: .possible), serviceName: nil, publicURL: nil)
        #expect(PagerDutyMessage.severity(for: likely) == "error")
        #expect(PagerDutyMessage.severity(for: possible) == "warning")
        #expect(PagerDutyMessage.action(for: likely) == "trigger")
        // A widened incident re-triggers under the same dedup key, so the page shows the wider summary.
        let widened = AlertContent(
            event: "widened", incident: .fixture(level: .likely), serviceName: nil, publicURL: nil)
        #expect(PagerDutyMessage.action(for: widened) == "trigger")
        let resolved = AlertContent(
            event: "resolved", incident: .fixture(endedAt: Instants.outageAfternoon.adding(minutes: 50)),
            serviceName: nil,
            publicURL: nil)
        #expect(PagerDutyMessage.action(for: resolved) == "resolve")
    }
}
