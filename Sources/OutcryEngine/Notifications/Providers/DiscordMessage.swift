import OutcryModel

/// A Discord channel-webhook message: a short `content` line and one embed (title, description, fields,
/// footer, colour by level), within Discord's documented limits: ≤ 10 embeds, title ≤ 256, description
/// ≤ 4,096, ≤ 25 fields (name ≤ 256, value ≤ 1,024), footer ≤ 2,048, and ≤ 6,000 characters across all of a
/// message's embeds; `content` ≤ 2,000. `allowed_mentions` is empty, so no text can ping `@everyone`.
///
/// Discord webhooks are not signed by the sender: the URL (with its token) is the credential.
package enum DiscordMessage {
    static let maximumContentLength = 2_000
    static let maximumTitleLength = 256
    static let maximumDescriptionLength = 4_096
    static let maximumFields = 25
    static let maximumFieldNameLength = 256
    static let maximumFieldValueLength = 1_024
    static let maximumFooterLength = 2_048
    /// All embeds of a message together: title, description, field names and values, footer, author.
    static let maximumEmbedTotal = 6_000

    /// The JSON body for `content`.
    package static func body(for content: AlertContent) -> String {
        let title = TextLimit.truncated(content.title, to: maximumTitleLength)
        let footer = TextLimit.truncated(content.disclaimer, to: maximumFooterLength)
        let fields = content.facts.prefix(maximumFields).map {
            (
                name: TextLimit.truncated($0.name, to: maximumFieldNameLength),
                value: TextLimit.truncated(linkEscaped($0.value), to: maximumFieldValueLength)
            )
        }
        let fixed =
            title.utf16.count + footer.utf16.count
            + fields.reduce(0) { $0 + $1.name.utf16.count + $1.value.utf16.count }
        var description = linkEscaped(content.summary)
        if let page = content.incidentPageURL { description += "\n\n[Open on the Outcry dashboard](\(page))" }
        description = TextLimit.truncated(
            description, to: max(0, min(maximumDescriptionLength, maximumEmbedTotal - fixed)))
        var embed: [(String, JSONValue)] = [
            ("title", .string(title)),
            ("description", .string(description)),
        ]
        if let page = content.incidentPageURL { embed.append(("url", .string(page))) }
        embed += [
            ("color", .int(colour(of: content))),
            (
                "fields",
                .array(
                    fields.map {
                        .object([
                            ("name", .string($0.name)), ("value", .string($0.value)),
                            ("inline", .bool($0.value.utf16.count <= 40)),
                        ])
                    }
                )
            ),
            ("footer", .object([("text", .string(footer))])),
            ("timestamp", .string(content.incident.detectedAt.iso8601)),
        ]
        return JSONValue.object([
            ("username", .string("Outcry (unofficial)")),
            ("content", .string(TextLimit.truncated(content.title, to: maximumContentLength))),
            ("embeds", .array([.object(embed)])),
            ("allowed_mentions", .object([("parse", .array([]))])),
        ]).text()
    }

    /// Square brackets escaped, so text (an official status page's title, a name) cannot make a masked link
    /// whose label hides its address; descriptions and field values render Markdown.
    static func linkEscaped(_ text: String) -> String {
        text.replacingAll("[", with: "\\[").replacingAll("]", with: "\\]")
    }

    /// Red for a likely outage, amber for possible problems, green once ended, grey for a test.
    static func colour(of content: AlertContent) -> Int {
        if content.isTest { return 0x95A5A6 }
        if content.incident.status == .resolved { return 0x2ECC71 }
        return content.incident.level == .likely ? 0xE74C3C : 0xF39C12
    }
}
