import Foundation
import OutcryModel

/// Where an official status source is read from, parsed from what the user gave.
package enum OfficialLocation: Sendable, Equatable {
    /// A Statuspage page root (`https://status.example.com`): both `/api/v2/summary.json` (components and
    /// unresolved incidents) and `/api/v2/incidents.json` (recent incidents, resolved ones included) are read.
    case statuspageRoot(String)
    /// One explicit `.json` document, read as is.
    case document(url: String)
    /// A file holding a `summary.json` or `incidents.json` document.
    case file(path: String)

    /// What to say when a location is not usable, and what is allowed.
    static let allowed =
        "use an http(s) URL such as https://status.example.com (the page root) or "
        + "https://status.example.com/api/v2/incidents.json, or the path of a saved summary.json or incidents.json"

    /// Parses a location: an http(s) URL or a file path. Says what is wrong otherwise.
    package static func parse(_ text: String) -> Result<OfficialLocation, EngineError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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
        guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else {
            return .failure(.invalidArgument("\(quoted(trimmed)) is not a valid URL; \(allowed)"))
        }
        if url.path.lowercased().hasSuffix(".json") { return .success(.document(url: trimmed)) }
        guard url.query == nil, url.fragment == nil else {
            return .failure(
                .invalidArgument("\(quoted(trimmed)) has a query or fragment but names no .json document; \(allowed)")
            )
        }
        var root = trimmed
        while root.hasSuffix("/") { root.removeLast() }
        if root.lowercased().hasSuffix("/api/v2") { root.removeLast("/api/v2".count) }
        return .success(.statuspageRoot(root))
    }

    /// The documents to fetch over HTTP, each with the name errors use; empty for a file.
    package var documentURLs: [String] {
        switch self {
        case .statuspageRoot(let root): ["\(root)/api/v2/summary.json", "\(root)/api/v2/incidents.json"]
        case .document(let url): [url]
        case .file: []
        }
    }
}
