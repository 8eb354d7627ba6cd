import Foundation
import OutcryModel

/// Where an official status source is read from, parsed from what the user gave (as they paste it).
///
/// A Statuspage page is recognised however it is pasted: its root (`https://status.example.com`), `…/api/v2`,
/// or any of its API documents (`…/api/v2/summary.json`, `status.json`, `incidents.json`,
/// `scheduled-maintenances.json`, `components.json`, `incidents/unresolved.json`, …) all mean the page root,
/// which reads `summary.json` (components, open incidents, scheduled maintenances) *and* `incidents.json`
/// (recent incidents, resolved ones included). A query string is kept and sent with both documents (some
/// private pages need a key).
package enum OfficialLocation: Sendable, Equatable {
    /// A Statuspage page root, without a trailing slash, and the query to send with its documents.
    case statuspageRoot(String, query: String? = nil)
    /// One explicit `.json` document that is not a Statuspage API path, read as is.
    case document(url: String)
    /// An Atom or RSS status feed (`….atom`, `….rss`, `….xml`, `…/feed`, `…/rss`, or any URL given as
    /// `feed:URL` / `outcry official add --feed URL`).
    case feed(url: String)
    /// A file holding a `summary.json` or `incidents.json` document, or a saved feed.
    case file(path: String)

    /// The prefix that marks a location as a feed whatever its path looks like.
    package static let feedPrefix = "feed:"

    /// What to say when a location is not usable, and what is allowed.
    static let allowed =
        "use an http(s) URL such as https://status.example.com (the page root, or any of its /api/v2/….json "
        + "documents), an Atom or RSS feed URL, or the path of a saved summary.json, incidents.json or feed"

    /// Parses a location: an http(s) URL (optionally `feed:`-prefixed) or a file path. Says what is wrong
    /// otherwise.
    package static func parse(_ text: String) -> Result<OfficialLocation, EngineError> {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var isFeed = false
        if trimmed.lowercased().hasPrefix(feedPrefix) {
            isFeed = true
            trimmed = String(trimmed.dropFirst(feedPrefix.count)).trimmingCharacters(in: .whitespaces)
        }
        guard !trimmed.isEmpty else {
            return .failure(.invalidArgument("the official status location is empty; \(allowed)"))
        }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            if lower.contains("://") {
                return .failure(.invalidArgument("\(quoted(trimmed)) is not an http(s) URL; \(allowed)"))
            }
            return .success(.file(path: trimmed))
        }
        guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty,
            let components = URLComponents(string: trimmed)
        else {
            return .failure(.invalidArgument("\(quoted(trimmed)) is not a valid URL; \(allowed)"))
        }
        if isFeed { return .success(.feed(url: trimmed)) }
        let path = components.percentEncodedPath
        if let root = statuspageRoot(components: components, path: path) {
            return .success(
                .statuspageRoot(root, query: components.percentEncodedQuery.flatMap { $0.isEmpty ? nil : $0 }))
        }
        let lowerPath = path.lowercased()
        if lowerPath.hasSuffix(".json") { return .success(.document(url: trimmed)) }
        if isFeedPath(lowerPath) { return .success(.feed(url: trimmed)) }
        guard components.query == nil, components.fragment == nil else {
            return .failure(
                .invalidArgument(
                    "\(quoted(trimmed)) has a query or fragment but names no .json document or feed; \(allowed)")
            )
        }
        var root = trimmed
        while root.hasSuffix("/") { root.removeLast() }
        return .success(.statuspageRoot(root))
    }

    /// The page root for a Statuspage API path (`…/api/v2`, `…/api/v2/`, `…/api/v2/<anything>.json`): the
    /// URL up to `/api/v2`, without query, fragment or trailing slash; nil for any other path.
    private static func statuspageRoot(components: URLComponents, path: String) -> String? {
        let lowerPath = path.lowercased()
        guard let range = lowerPath.range(of: "/api/v2", options: .backwards) else { return nil }
        let after = lowerPath[range.upperBound...]
        guard after.isEmpty || after == "/" || (after.hasPrefix("/") && after.hasSuffix(".json")) else { return nil }
        var rootComponents = components
        rootComponents.percentEncodedPath = String(path[path.startIndex..<range.lowerBound])
        rootComponents.percentEncodedQuery = nil
        rootComponents.percentEncodedFragment = nil
        guard var root = rootComponents.string else { return nil }
        while root.hasSuffix("/") { root.removeLast() }
        return root
    }

    /// Paths that name a feed: `….atom`, `….rss`, `….xml`, or a last segment `feed`, `rss` or `atom`.
    static func isFeedPath(_ lowerPath: String) -> Bool {
        if [".atom", ".rss", ".xml"].contains(where: { lowerPath.hasSuffix($0) }) { return true }
        var trimmed = lowerPath
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = trimmed.split(separator: "/").last.map(String.init) ?? ""
        return ["feed", "rss", "atom"].contains(last)
    }

    /// The documents to fetch over HTTP; empty for a file.
    package var documentURLs: [String] {
        switch self {
        case .statuspageRoot(let root, let query):
            let suffix = query.map { "?\($0)" } ?? ""
            return ["\(root)/api/v2/summary.json\(suffix)", "\(root)/api/v2/incidents.json\(suffix)"]
        case .document(let url), .feed(let url): return [url]
        case .file: return []
        }
    }

    /// What `outcry official add` says will be read.
    package var readDescription: String {
        switch self {
        case .statuspageRoot: "a Statuspage page: reads " + documentURLs.joined(separator: " and ")
        case .document(let url): "one JSON document: reads \(url)"
        case .feed(let url): "an Atom or RSS feed: reads \(url)"
        case .file(let path): "a saved document: reads \(path)"
        }
    }
}
