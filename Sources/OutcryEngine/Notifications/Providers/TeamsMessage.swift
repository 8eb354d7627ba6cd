/// A Microsoft Teams message for a Workflows webhook ("Post to a channel when a webhook request is
/// received"): the `message` envelope Workflows expect, holding one Adaptive Card (schema version 1.4, which
/// Teams renders on desktop, web and mobile) with the title, the summary, a FactSet, the unofficial notice
/// and a button to the incident page. Teams caps a message at about 28 KB; texts are cut well below that.
///
/// Workflows webhooks are not signed by the sender: the URL (with its `sig` parameter) is the credential.
package enum TeamsMessage {
    /// The Adaptive Card schema version: 1.4 is the newest Teams renders on every client.
    package static let cardVersion = "1.4"
    static let maximumTextLength = 2_000
    static let maximumFacts = 10

    /// The JSON body for `content`.
    package static func body(for content: AlertContent) -> String {
        var card: [(String, JSONValue)] = [
            ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")),
            ("type", .string("AdaptiveCard")),
            ("version", .string(cardVersion)),
            (
                "body",
                .array([
                    textBlock(content.title, extra: [("weight", .string("Bolder")), ("size", .string("Medium"))]),
                    textBlock(content.summary),
                    .object([
                        ("type", .string("FactSet")),
                        (
                            "facts",
                            .array(
                                content.facts.prefix(maximumFacts).map {
                                    .object([
                                        ("title", .string(TextLimit.truncated($0.name, to: 100))),
                                        ("value", .string(TextLimit.truncated($0.value, to: maximumTextLength))),
                                    ])
                                }
                            )
                        ),
                    ]),
                    textBlock(content.disclaimer, extra: [("isSubtle", .bool(true)), ("size", .string("Small"))]),
                ])
            ),
        ]
        if let page = content.incidentPageURL {
            card.append(
                (
                    "actions",
                    .array([
                        .object([
                            ("type", .string("Action.OpenUrl")), ("title", .string("Open on the Outcry dashboard")),
                            ("url", .string(page)),
                        ])
                    ])
                )
            )
        }
        card.append(("msteams", .object([("width", .string("Full"))])))
        return JSONValue.object([
            ("type", .string("message")),
            (
                "attachments",
                .array([
                    .object([
                        ("contentType", .string("application/vnd.microsoft.card.adaptive")),
                        ("content", .object(card)),
                    ])
                ])
            ),
        ]).text()
    }

    private static func textBlock(_ text: String, extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(
            [("type", .string("TextBlock")), ("text", .string(TextLimit.truncated(text, to: maximumTextLength)))]
                + extra
                + [("wrap", .bool(true))]
        )
    }
}
