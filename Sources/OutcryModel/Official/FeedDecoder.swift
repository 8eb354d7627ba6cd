import Foundation

/// Reads a status feed, Atom (`<feed><entry>`) or RSS 2.0 / 1.0 (`<rss><channel><item>`, `<rdf:RDF><item>`),
/// into an ``OfficialSnapshot`` of official incidents.
///
/// Each entry becomes an incident: `id` (Atom `id`, RSS `guid`, else the link), `title`, `link` (Atom's
/// `alternate` or first link, RSS `link`), created at `published` (RSS `pubDate` or `dc:date`, else
/// `updated`), updated at `updated`. Feeds carry no status field, so the status is inferred from the text:
/// the first status word of the entry's title or content (Statuspage feeds begin the content with the newest
/// update, e.g. `<strong>Resolved</strong> - …`): `resolved`, `completed` or `postmortem` mark the incident
/// finished at its `updated` time; `investigating`, `identified`, `monitoring`, … keep it open; no status word
/// leaves it open with the status `posted`. Components, impact and scheduled maintenances are not in feeds.
///
/// Hostile input ends in a ``StatuspageDecodingError`` or a skipped entry, never a crash: the XML is read by
/// ``FeedXMLScanner`` (no entity expansion, bounded depth), an entry without an id, title or usable time is
/// skipped and named (`entry[3].published`), times must lie within ``OfficialTimeRange``, texts are cut
/// (title ``maximumTitleBytes``, body ``maximumBodyBytes``) and at most ``maximumEntries`` entries are read.
package enum FeedDecoder {
    package static let maximumEntries = 500
    package static let maximumTitleBytes = 300
    package static let maximumBodyBytes = 1000
    /// Bytes kept of any one field while reading (more is dropped before it is ever stored).
    static let maximumFieldBytes = 8192

    /// Whether `bytes` look like a feed: after a byte order mark and whitespace, an XML declaration or a
    /// `<feed`, `<rss` or `<rdf:RDF` element within the first 1,024 bytes.
    package static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else { return false }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 1024)], as: UTF8.self).lowercased()
        return head.hasPrefix("<?xml") || head.contains("<feed") || head.contains("<rss") || head.contains("<rdf:rdf")
    }

    /// Decodes one feed document.
    /// - Parameter name: how errors name the document (its URL or file path).
    package static func decode(_ bytes: [UInt8], name: String? = nil) throws(StatuspageDecodingError)
        -> OfficialSnapshot
    {
        if let problem = bytes.withUnsafeBufferPointer({ UTF8Validation.problem(in: $0, multiline: true) }) {
            throw StatuspageDecodingError(document: name, .notFeed("the text \(problem)"))
        }
        var reader = EntryReader()
        var scanner = FeedXMLScanner(bytes)
        do {
            try scanner.scan { event throws(FeedXMLScanner.Failure) in try reader.read(event) }
        } catch {
            throw StatuspageDecodingError(document: name, .notFeed(StatuspageDecoder.bounded(error.reason)))
        }
        guard let root = reader.root else { throw StatuspageDecodingError(document: name, .empty) }
        guard ["feed", "rss", "RDF"].contains(root) else {
            throw StatuspageDecodingError(
                document: name, .notFeed("the top element is <\(root)>, expected <feed> (Atom) or <rss> (RSS)"))
        }
        var incidents: [OfficialIncident] = []
        var problems: [StatuspageDecodingError] = []
        var seen = Set<String>()
        for (index, entry) in reader.entries.enumerated() {
            switch incident(from: entry, path: "entry[\(index)]") {
            case .success(let incident):
                if seen.insert(incident.id).inserted { incidents.append(incident) }
            case .failure(let problem): problems.append(StatuspageDecodingError(document: name, problem))
            }
        }
        if reader.droppedEntries > 0 {
            problems.append(
                StatuspageDecodingError(
                    document: name,
                    .invalidValue(
                        "entry[\(maximumEntries)…]",
                        reason: "\(reader.droppedEntries) entries after the first \(maximumEntries) were not read")))
        }
        incidents.sort { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id }
        let page = reader.pageTitle.map {
            OfficialPage(name: bounded($0, bytes: 120), url: reader.pageLink.flatMap(httpURL))
        }
        return OfficialSnapshot(
            page: page, components: nil, incidents: incidents,
            problems: Array(problems.prefix(OfficialSnapshot.maximumProblems)), problemCount: problems.count
        )
    }

    // MARK: - Entries

    /// The fields of one `<entry>` or `<item>` as read (each cut to ``maximumFieldBytes``).
    struct Entry {
        var fields: [String: String] = [:]
        /// Atom links: (rel, href).
        var links: [(rel: String?, href: String)] = []
    }

    /// Collects entries from the scanner's events.
    struct EntryReader {
        var root: String?
        var entries: [Entry] = []
        var droppedEntries = 0
        var pageTitle: String?
        var pageLink: String?
        private var depth = 0
        private var entryDepth: Int?
        private var current = Entry()
        private var field: (name: String, depth: Int)?
        private var channelField: (name: String, depth: Int)?
        private var text = ""

        mutating func read(_ event: FeedXMLScanner.Event) throws(FeedXMLScanner.Failure) {
            switch event {
            case .start(let name, let attributes):
                depth += 1
                if root == nil { root = name }
                if entryDepth == nil, name == "entry" || name == "item" {
                    entryDepth = depth
                    current = Entry()
                } else if let entryDepth, depth == entryDepth + 1 {
                    field = (name, depth)
                    text = ""
                    if name == "link", let href = attributes["href"] {
                        current.links.append((attributes["rel"], href))
                    }
                } else if entryDepth == nil, name == "title" || name == "link", pageTitle == nil || pageLink == nil,
                    depth <= 3
                {
                    channelField = (name, depth)
                    text = ""
                    if name == "link", pageLink == nil, let href = attributes["href"],
                        attributes["rel"] == nil || attributes["rel"] == "alternate"
                    {
                        pageLink = href
                    }
                }
            case .text(let chunk):
                guard field != nil || channelField != nil else { return }
                if text.utf8.count < FeedDecoder.maximumFieldBytes { text += chunk }
            case .end(let name):
                defer { depth -= 1 }
                if let open = field, open.depth == depth {
                    if current.fields[open.name] == nil {
                        current.fields[open.name] = FeedDecoder.bounded(text, bytes: FeedDecoder.maximumFieldBytes)
                    }
                    field = nil
                } else if let open = channelField, open.depth == depth {
                    let value = text.trimmingWhitespace()
                    if open.name == "title", pageTitle == nil, !value.isEmpty { pageTitle = value }
                    if open.name == "link", pageLink == nil, !value.isEmpty { pageLink = value }
                    channelField = nil
                } else if let entryDepth, depth == entryDepth, name == "entry" || name == "item" {
                    if entries.count < FeedDecoder.maximumEntries {
                        entries.append(current)
                    } else {
                        droppedEntries += 1
                    }
                    self.entryDepth = nil
                }
            }
        }
    }

    /// The official incident an entry states, or why it was skipped.
    static func incident(from entry: Entry, path: String) -> Result<OfficialIncident, StatuspageDecodingError.Problem> {
        func text(_ keys: String...) -> String? {
            for key in keys {
                if let value = entry.fields[key]?.trimmingWhitespace(), !value.isEmpty { return value }
            }
            return nil
        }
        let link =
            entry.links.first(where: { $0.rel == nil || $0.rel == "alternate" })?.href ?? entry.links.first?.href
            ?? text("link")
        guard let title = text("title") else { return .failure(.missingField("\(path).title")) }
        guard let id = text("id", "guid") ?? link else { return .failure(.missingField("\(path).id")) }
        var created: Timestamp?
        var updated: Timestamp?
        for (key, target) in [
            ("published", 0), ("pubDate", 0), ("date", 0), ("issued", 0), ("updated", 1), ("modified", 1),
        ] {
            guard let value = text(key) else { continue }
            guard let time = FeedTime.parse(value) else {
                return .failure(
                    .invalidValue(
                        "\(path).\(key)",
                        reason: "\(quoted(value, limit: 60)) is not a time; expected RFC 3339 (Atom) or RFC 822 (RSS)"))
            }
            guard OfficialTimeRange.contains(time) else {
                return .failure(.outOfRange("\(path).\(key)", value: OfficialTimeRange.quote(time)))
            }
            if target == 0, created == nil { created = time }
            if target == 1, updated == nil { updated = time }
        }
        guard let createdAt = created ?? updated else { return .failure(.missingField("\(path).published")) }
        let body = plainText(text("content", "summary", "description", "encoded") ?? "")
        let status = inferredStatus(title: title, body: body)
        let isFinished = OfficialIncident.finishedStatuses.contains(status)
        let lastUpdate = max(createdAt, updated ?? createdAt)
        let url = link.flatMap(httpURL)
        return .success(
            OfficialIncident(
                id: bounded(id, bytes: 300), name: bounded(title, bytes: maximumTitleBytes), status: status,
                impact: nil,
                createdAt: createdAt, resolvedAt: isFinished ? lastUpdate : nil, updatedAt: updated, url: url,
                updates: body.isEmpty
                    ? []
                    : [
                        OfficialIncidentUpdate(
                            status: status, body: bounded(body, bytes: maximumBodyBytes), createdAt: lastUpdate)
                    ]
            )
        )
    }

    /// The statuses a feed entry's text may begin with, as Statuspage names them.
    static let statusWords: [(word: String, status: String)] = [
        ("resolved", "resolved"), ("completed", "completed"), ("postmortem", "postmortem"),
        ("investigating", "investigating"), ("identified", "identified"), ("monitoring", "monitoring"),
        ("in progress", "in_progress"), ("verifying", "verifying"), ("scheduled", "scheduled"), ("update", "update"),
    ]

    /// The first status word of the title (in brackets or leading, e.g. `[Resolved] …`, `Resolved: …`), else
    /// of the body's beginning; `posted` when there is none.
    static func inferredStatus(title: String, body: String) -> String {
        let lowerTitle = title.lowercased()
        for (word, status) in statusWords
        where lowerTitle.hasPrefix("[\(word)]") || lowerTitle.hasPrefix("\(word):")
            || lowerTitle.hasPrefix("\(word) -") || lowerTitle.hasSuffix("(\(word))")
            || lowerTitle.hasSuffix("[\(word)]")
        {
            return status
        }
        let head = String(body.prefix(400)).lowercased()
        var best: (offset: Int, status: String)?
        for (word, status) in statusWords {
            guard let range = head.range(of: word) else { continue }
            let offset = head.distance(from: head.startIndex, to: range.lowerBound)
            if best.map({ offset < $0.offset }) ?? true { best = (offset, status) }
        }
        return best?.status ?? "posted"
    }

    /// Text without markup: tags dropped, the five XML entities and `&nbsp;` decoded, runs of whitespace made
    /// one space (feed content is often escaped HTML).
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        var count = 0
        for character in html {
            count += 1
            if count > maximumFieldBytes { break }
            if character == "<" {
                inTag = true
                out.append(" ")
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                out.append(character)
            }
        }
        let decoded = FeedXMLScanner.decodeEntitiesLeniently(out).replacingOccurrences(of: "&nbsp;", with: " ")
        return decoded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` without control characters, cut to `bytes` UTF-8 bytes on a character boundary (ending in `…`).
    static func bounded(_ text: String, bytes limit: Int) -> String {
        QuietWindow.boundedReason(text, limit: limit)
    }

    /// The text when it is an http(s) URL.
    static func httpURL(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.utf8.count <= 2000 else { return nil }
        return trimmed
    }
}

extension FeedXMLScanner {
    /// ``decodeEntities(_:at:)`` for text already decoded once (escaped HTML inside a feed).
    static func decodeEntitiesLeniently(_ text: String) -> String {
        (try? decodeEntities(ArraySlice(Array(text.utf8)), at: 0)) ?? text
    }
}

extension String {
    /// The string without leading and trailing whitespace and line breaks (no Foundation).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
