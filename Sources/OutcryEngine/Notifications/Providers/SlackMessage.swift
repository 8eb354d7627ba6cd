/// A Slack incoming-webhook message: `text` (the notification's fallback) and Block Kit `blocks` (header,
/// summary, facts, link, unofficial context), within Slack's documented limits: text ≤ 40,000 characters,
/// ≤ 50 blocks, header ≤ 150, section text ≤ 3,000, ≤ 10 section fields of ≤ 2,000 each.
///
/// Slack-compatible receivers (Mattermost, Rocket.Chat) take the same body. Slack webhooks are not signed
/// by the sender: the URL is the credential.
package enum SlackMessage {
    static let maximumTextLength = 40_000
    static let maximumBlocks = 50
    static let maximumHeaderLength = 150
    static let maximumSectionTextLength = 3_000
    static let maximumFields = 10
    static let maximumFieldLength = 2_000

    /// The JSON body for `content`.
    package static func body(for content: AlertContent) -> String {
        var blocks: [JSONValue] = [
            .object([
                ("type", .string("header")),
                ("text", plainText(TextLimit.truncated(content.title, to: maximumHeaderLength))),
            ]),
            section(content.summary.markupEscaped),
            .object([
                ("type", .string("section")),
                (
                    "fields",
                    .array(
                        content.facts.prefix(maximumFields).map {
                            let field = "*\($0.name.markupEscaped)*\n\($0.value.markupEscaped)"
                            return mrkdwn(TextLimit.truncated(field, to: maximumFieldLength))
                        }
                    )
                ),
            ]),
        ]
        if let page = content.incidentPageURL {
            var links = "<\(linkTarget(page))|Open on the Outcry dashboard>"
            if let json = content.incidentJSONURL { links += " · <\(linkTarget(json))|incident JSON>" }
            blocks.append(section(links))
        }
        let disclaimer = content.disclaimer.markupEscaped
        blocks.append(
            .object([
                ("type", .string("context")),
                ("elements", .array([mrkdwn(TextLimit.truncated(disclaimer, to: maximumSectionTextLength))])),
            ])
        )
        let text = TextLimit.truncated((content.title + ": " + content.summary).markupEscaped, to: maximumTextLength)
        return JSONValue.object([
            ("text", .string(text)),
            ("blocks", .array(Array(blocks.prefix(maximumBlocks)))),
            ("unfurl_links", .bool(false)),
            ("unfurl_media", .bool(false)),
        ]).text()
    }

    private static func section(_ text: String) -> JSONValue {
        .object([
            ("type", .string("section")), ("text", mrkdwn(TextLimit.truncated(text, to: maximumSectionTextLength))),
        ])
    }

    private static func mrkdwn(_ text: String) -> JSONValue {
        .object([("type", .string("mrkdwn")), ("text", .string(text))])
    }

    private static func plainText(_ text: String) -> JSONValue {
        .object([("type", .string("plain_text")), ("text", .string(text)), ("emoji", .bool(false))])
    }

    /// A URL inside `<url|label>`: the characters that would end it are percent-encoded.
    private static func linkTarget(_ url: String) -> String {
        url.replacingAll("|", with: "%7C").replacingAll(">", with: "%3E").replacingAll("<", with: "%3C")
    }
}
