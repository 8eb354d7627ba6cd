import Foundation

/// A stand-in for Slack, Teams, Discord, Google Chat and PagerDuty on a ``LoopbackHTTPServer``: it checks a
/// request against the provider's documented required fields and size limits and answers as the provider
/// does — success in the provider's words, or the provider's kind of error (Slack `400 invalid_blocks`,
/// PagerDuty `400 {"status":"invalid event",…}`, …) naming what was wrong.
///
/// The checks, per provider:
/// - Slack: `text` (≤ 40,000) or `blocks`; ≤ 50 blocks of known types; header `plain_text` ≤ 150; section
///   `text` ≤ 3,000 or ≤ 10 `fields` of ≤ 2,000; context ≤ 10 elements.
/// - Teams (Workflows): `type` `message`, `attachments[0].contentType` the Adaptive Card type,
///   `content.type` `AdaptiveCard`, `content.version` 1.0–1.5, a non-empty `body` of typed elements
///   (TextBlock `text`, FactSet `facts` of `title`/`value`), `Action.OpenUrl` actions with `url`; ≤ 28 KB.
/// - Discord: `content` ≤ 2,000 or `embeds`; ≤ 10 embeds; title ≤ 256, description ≤ 4,096, ≤ 25 fields with
///   non-empty name ≤ 256 and value ≤ 1,024, footer ≤ 2,048; all embeds' text together ≤ 6,000.
/// - Google Chat: `text` (≤ 4,096) or `cardsV2`; each card with `cardId` and `card.sections[].widgets[]`, each
///   widget exactly one known kind; message ≤ 32,000 bytes.
/// - PagerDuty Events v2: 32-character `routing_key`; `event_action` trigger/acknowledge/resolve; `dedup_key`
///   ≤ 255 (required unless triggering); a trigger has `payload.summary` (≤ 1,024), `payload.source` and
///   `payload.severity` (critical/error/warning/info); a resolve has only `routing_key`, `event_action` and
///   `dedup_key`.
///
/// Every accepted message must also say "unofficial" somewhere in its text.
package enum ProviderReceiver {
    package enum Provider: String, Sendable, CaseIterable {
        case slack, teams, discord, googlechat, pagerduty
    }

    /// The problems with `body` for `provider` (empty: the provider would take it).
    package static func problems(in body: [UInt8], for provider: Provider) -> [String] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            return ["the body is not a JSON object"]
        }
        var problems: [String]
        switch provider {
        case .slack: problems = slack(object)
        case .teams: problems = teams(object, size: body.count)
        case .discord: problems = discord(object)
        case .googlechat: problems = googleChat(object, size: body.count)
        case .pagerduty: problems = pagerDuty(object)
        }
        let isResolve = provider == .pagerduty && object["event_action"] as? String == "resolve"
        if !isResolve, !String(decoding: body, as: UTF8.self).lowercased().contains("unofficial") {
            problems.append("the message does not say unofficial")
        }
        return problems
    }

    /// The handler of a receiver for `provider`: validates, answers like the provider.
    package static func handler(for provider: Provider) -> LoopbackHTTPServer.Handler {
        { request in reply(to: request, for: provider) }
    }

    /// The provider's answer to `request`.
    package static func reply(to request: LoopbackHTTPServer.ReceivedRequest, for provider: Provider)
        -> LoopbackHTTPServer.Reply
    {
        let problems = problems(in: request.body, for: provider)
        switch provider {
        case .slack:
            // Slack answers in plain text: `ok`, or an error code such as invalid_blocks or no_text.
            guard problems.isEmpty else {
                let code = problems.contains { $0.hasPrefix("no text") } ? "no_text" : "invalid_blocks"
                return .init(status: 400, body: Array(code.utf8))
            }
            return .init(status: 200, headers: ["Content-Type": "text/plain"], body: Array("ok".utf8))
        case .teams:
            guard problems.isEmpty else {
                return .json(
                    #"{"error":{"code":"InvalidRequestContent","message":"\#(escape(problems[0]))"}}"#, status: 400)
            }
            return .init(status: 202)
        case .discord:
            guard problems.isEmpty else {
                return .json(
                    #"{"code": 50035, "errors": {}, "message": "Invalid Form Body: \#(escape(problems[0]))"}"#,
                    status: 400)
            }
            return .init(status: 204)
        case .googlechat:
            guard problems.isEmpty else {
                return .json(
                    #"{"error":{"code":400,"message":"Invalid JSON payload received. \#(escape(problems[0]))","status":"INVALID_ARGUMENT"}}"#,
                    status: 400)
            }
            return .json(#"{"name":"spaces/AAAA/messages/BBBB.BBBB","text":"ok"}"#)
        case .pagerduty:
            guard problems.isEmpty else {
                let errors = problems.map { "\"\(escape($0))\"" }.joined(separator: ",")
                return .json(
                    #"{"status":"invalid event","message":"Event object is invalid","errors":[\#(errors)]}"#,
                    status: 400)
            }
            let key =
                (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["dedup_key"] as? String
            return .json(
                #"{"status":"success","message":"Event processed","dedup_key":"\#(escape(key ?? ""))"}"#, status: 202)
        }
    }

    // MARK: - Slack

    static func slack(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        let text = object["text"] as? String
        let blocks = object["blocks"] as? [[String: Any]]
        if (text ?? "").isEmpty && (blocks ?? []).isEmpty { problems.append("no text: neither text nor blocks") }
        if let text, length(text) > 40_000 { problems.append("text is longer than 40000 characters") }
        guard let blocks else { return problems }
        if blocks.count > 50 { problems.append("more than 50 blocks") }
        for (index, block) in blocks.enumerated() {
            let type = block["type"] as? String ?? ""
            switch type {
            case "header":
                guard let text = block["text"] as? [String: Any], text["type"] as? String == "plain_text",
                    let value = text["text"] as? String, !value.isEmpty, length(value) <= 150
                else {
                    problems.append("blocks[\(index)]: a header needs plain_text of 1 to 150 characters")
                    continue
                }
            case "section":
                let fields = block["fields"] as? [[String: Any]]
                if let text = block["text"] as? [String: Any] {
                    if !isSlackText(text, limit: 3_000) {
                        problems.append("blocks[\(index)].text: must be 1 to 3000 characters")
                    }
                } else if fields == nil {
                    problems.append("blocks[\(index)]: a section needs text or fields")
                }
                if let fields {
                    if fields.isEmpty || fields.count > 10 {
                        problems.append("blocks[\(index)].fields: 1 to 10 fields")
                    }
                    for field in fields where !isSlackText(field, limit: 2_000) {
                        problems.append("blocks[\(index)].fields: each must be 1 to 2000 characters")
                    }
                }
            case "context":
                let elements = block["elements"] as? [[String: Any]] ?? []
                if elements.isEmpty || elements.count > 10 {
                    problems.append("blocks[\(index)].elements: 1 to 10 elements")
                }
                for element in elements where !isSlackText(element, limit: 3_000) {
                    problems.append("blocks[\(index)].elements: each must be text of 1 to 3000 characters")
                }
            case "divider", "actions", "image":
                break
            default:
                problems.append("blocks[\(index)]: unknown block type \(type)")
            }
        }
        return problems
    }

    private static func isSlackText(_ object: [String: Any], limit: Int) -> Bool {
        guard let type = object["type"] as? String, type == "mrkdwn" || type == "plain_text",
            let text = object["text"] as? String
        else { return false }
        return !text.isEmpty && length(text) <= limit
    }

    // MARK: - Teams

    static func teams(_ object: [String: Any], size: Int) -> [String] {
        var problems: [String] = []
        if size > 28_000 { problems.append("the message is larger than 28 KB") }
        guard object["type"] as? String == "message" else { return ["type must be \"message\""] }
        guard let attachments = object["attachments"] as? [[String: Any]], let first = attachments.first else {
            return ["attachments must hold the card"]
        }
        guard first["contentType"] as? String == "application/vnd.microsoft.card.adaptive" else {
            return ["attachments[0].contentType must be application/vnd.microsoft.card.adaptive"]
        }
        guard let card = first["content"] as? [String: Any], card["type"] as? String == "AdaptiveCard" else {
            return ["attachments[0].content.type must be AdaptiveCard"]
        }
        let versions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]
        if !versions.contains(card["version"] as? String ?? "") {
            problems.append("content.version must be one of \(versions.joined(separator: ", ")) (Teams)")
        }
        guard let body = card["body"] as? [[String: Any]], !body.isEmpty else {
            return problems + ["content.body must be a non-empty array"]
        }
        for (index, element) in body.enumerated() {
            switch element["type"] as? String {
            case "TextBlock":
                if (element["text"] as? String ?? "").isEmpty {
                    problems.append("body[\(index)]: TextBlock needs text")
                }
            case "FactSet":
                let facts = element["facts"] as? [[String: Any]] ?? []
                if facts.isEmpty || facts.contains(where: { !($0["title"] is String) || !($0["value"] is String) }) {
                    problems.append("body[\(index)]: FactSet needs facts with title and value")
                }
            case "Container", "ColumnSet", "Image", "RichTextBlock", "ActionSet":
                break
            default:
                problems.append("body[\(index)]: unknown element type")
            }
        }
        for action in card["actions"] as? [[String: Any]] ?? [] {
            if action["type"] as? String != "Action.OpenUrl" || (action["url"] as? String ?? "").isEmpty {
                problems.append("actions: Action.OpenUrl needs a url")
            }
        }
        return problems
    }

    // MARK: - Discord

    static func discord(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        let content = object["content"] as? String
        let embeds = object["embeds"] as? [[String: Any]]
        if (content ?? "").isEmpty && (embeds ?? []).isEmpty { problems.append("content or embeds is required") }
        if let content, length(content) > 2_000 { problems.append("content: must be 2000 or fewer in length") }
        guard let embeds else { return problems }
        if embeds.count > 10 { problems.append("embeds: must be 10 or fewer in length") }
        var total = 0
        for (index, embed) in embeds.enumerated() {
            func check(_ text: String?, _ limit: Int, _ name: String) {
                guard let text else { return }
                total += length(text)
                if length(text) > limit {
                    problems.append("embeds[\(index)].\(name): must be \(limit) or fewer in length")
                }
            }
            check(embed["title"] as? String, 256, "title")
            check(embed["description"] as? String, 4_096, "description")
            check((embed["footer"] as? [String: Any])?["text"] as? String, 2_048, "footer.text")
            check((embed["author"] as? [String: Any])?["name"] as? String, 256, "author.name")
            let fields = embed["fields"] as? [[String: Any]] ?? []
            if fields.count > 25 { problems.append("embeds[\(index)].fields: must be 25 or fewer in length") }
            for field in fields {
                let name = field["name"] as? String ?? ""
                let value = field["value"] as? String ?? ""
                if name.isEmpty || value.isEmpty {
                    problems.append("embeds[\(index)].fields: name and value are required")
                }
                check(name, 256, "fields.name")
                check(value, 1_024, "fields.value")
            }
        }
        if total > 6_000 { problems.append("embeds: the combined text is more than 6000 characters (\(total))") }
        return problems
    }

    // MARK: - Google Chat

    static func googleChat(_ object: [String: Any], size: Int) -> [String] {
        var problems: [String] = []
        if size > 32_000 { problems.append("the message is larger than 32,000 bytes") }
        let text = object["text"] as? String
        let cards = object["cardsV2"] as? [[String: Any]]
        if (text ?? "").isEmpty && (cards ?? []).isEmpty { problems.append("the message needs text or cardsV2") }
        if let text, length(text) > 4_096 { problems.append("text is longer than 4096 characters") }
        for (index, entry) in (cards ?? []).enumerated() {
            guard entry["cardId"] is String, let card = entry["card"] as? [String: Any] else {
                problems.append("cardsV2[\(index)]: needs cardId and card")
                continue
            }
            let sections = card["sections"] as? [[String: Any]] ?? []
            if sections.isEmpty { problems.append("cardsV2[\(index)].card.sections: at least one section") }
            for section in sections {
                let widgets = section["widgets"] as? [[String: Any]] ?? []
                if widgets.isEmpty { problems.append("cardsV2[\(index)]: a section needs widgets") }
                let known: Set<String> = ["textParagraph", "decoratedText", "buttonList", "image", "divider"]
                for widget in widgets where widget.count != 1 || !known.contains(widget.keys.first ?? "") {
                    problems.append(
                        "cardsV2[\(index)]: Unknown name \"\(widget.keys.sorted().joined(separator: ","))\" in widget")
                }
            }
        }
        return problems
    }

    // MARK: - PagerDuty

    static func pagerDuty(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        let key = object["routing_key"] as? String ?? ""
        if key.count != 32 { problems.append("Length of 'routing_key' is incorrect (should be 32 characters)") }
        let action = object["event_action"] as? String ?? ""
        guard ["trigger", "acknowledge", "resolve"].contains(action) else {
            return problems + ["'event_action' is invalid (must be one of: trigger, acknowledge, resolve)"]
        }
        let dedup = object["dedup_key"] as? String
        if let dedup, dedup.count > 255 { problems.append("'dedup_key' must be 255 characters or fewer") }
        if action != "trigger", (dedup ?? "").isEmpty { problems.append("'dedup_key' is required for \(action)") }
        if action == "trigger" {
            guard let payload = object["payload"] as? [String: Any] else { return problems + ["'payload' is missing"] }
            let summary = payload["summary"] as? String ?? ""
            if summary.isEmpty || summary.count > 1_024 {
                problems.append("'payload.summary' must be 1 to 1024 characters")
            }
            if (payload["source"] as? String ?? "").isEmpty { problems.append("'payload.source' is missing") }
            if !["critical", "error", "warning", "info"].contains(payload["severity"] as? String ?? "") {
                problems.append("'payload.severity' is invalid (must be one of: critical, error, warning, info)")
            }
        } else if Set(object.keys) != ["routing_key", "event_action", "dedup_key"] {
            problems.append("a \(action) event has only routing_key, event_action and dedup_key")
        }
        return problems
    }

    // MARK: -

    /// Length as the strictest provider counts it (UTF-16 code units).
    private static func length(_ text: String) -> Int { text.utf16.count }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
