/// A Google Chat space-webhook message: a plain `text` fallback and one card in `cardsV2` (header with the
/// unofficial notice, the summary, one decorated text per fact, a button to the incident page), within
/// Google Chat's limits: a message ≤ 32,000 bytes, `text` ≤ 4,096 characters; card texts are cut to 2,000.
///
/// Google Chat webhooks are not signed by the sender: the URL (with its key and token) is the credential.
package enum GoogleChatMessage {
    static let maximumTextLength = 4_096
    static let maximumWidgetTextLength = 2_000
    static let maximumMessageBytes = 32_000

    /// The JSON body for `content`.
    package static func body(for content: AlertContent) -> String {
        var sections: [JSONValue] = [
            .object([("widgets", .array([paragraph(content.summary)]))]),
            .object([
                ("header", .string("Details (unofficial)")),
                (
                    "widgets",
                    .array(
                        content.facts.map {
                            .object([
                                (
                                    "decoratedText",
                                    .object([
                                        ("topLabel", .string(TextLimit.truncated($0.name, to: 100).markupEscaped)),
                                        ("text", .string(widgetText($0.value))),
                                        ("wrapText", .bool(true)),
                                    ])
                                )
                            ])
                        }
                    )
                ),
            ]),
        ]
        if let page = content.incidentPageURL {
            sections.append(
                .object([
                    (
                        "widgets",
                        .array([
                            .object([
                                (
                                    "buttonList",
                                    .object([
                                        (
                                            "buttons",
                                            .array([
                                                .object([
                                                    ("text", .string("Open on the Outcry dashboard")),
                                                    (
                                                        "onClick",
                                                        .object([("openLink", .object([("url", .string(page))]))])
                                                    ),
                                                ])
                                            ])
                                        )
                                    ])
                                )
                            ])
                        ])
                    )
                ])
            )
        }
        sections.append(.object([("widgets", .array([paragraph(content.disclaimer)]))]))
        let card = JSONValue.object([
            (
                "header",
                .object([
                    ("title", .string(TextLimit.truncated(content.title, to: 200))),
                    ("subtitle", .string("Unofficial: based on user reports")),
                ])
            ),
            ("sections", .array(sections)),
        ])
        var text = plain(content.title)
        if let page = content.incidentPageURL { text += "\n" + page }
        let body = JSONValue.object([
            ("text", .string(TextLimit.truncated(text, to: maximumTextLength))),
            ("cardsV2", .array([.object([("cardId", .string("outcry-incident")), ("card", card)])])),
        ]).text()
        guard body.utf8.count > maximumMessageBytes else { return body }
        // Only a pathological name or summary gets here: fall back to the text alone.
        return JSONValue.object([("text", .string(TextLimit.truncated(text, to: maximumTextLength)))]).text()
    }

    private static func paragraph(_ text: String) -> JSONValue {
        .object([("textParagraph", .object([("text", .string(widgetText(text)))]))])
    }

    /// A card text: cut to the widget limit, then escaped (card texts take a little HTML).
    private static func widgetText(_ text: String) -> String {
        TextLimit.truncated(text, to: maximumWidgetTextLength).markupEscaped
    }

    /// The plain `text`: angle brackets would start a mention (`<users/all>`) or a link, so they are replaced.
    static func plain(_ text: String) -> String {
        text.replacingAll("<", with: "‹").replacingAll(">", with: "›")
    }
}
