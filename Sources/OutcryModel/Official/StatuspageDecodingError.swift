/// Why bytes from a status page are not a usable Statuspage v2 document: one plain sentence that says what
/// was wrong and where (`incidents.json: missing field incidents[3].created_at`).
package struct StatuspageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Problem: Error, Sendable, Equatable {
        /// No bytes, or only whitespace.
        case empty
        /// The first character is `<`: an error page, a login wall or a maintenance page.
        case looksLikeHTML
        /// Not UTF-8; the reason says which byte and where.
        case notUTF8(String)
        /// Not JSON; the reason says what was expected and where.
        case notJSON(String)
        /// Valid JSON, but not an object (e.g. `an array`).
        case notAnObject(found: String)
        /// A field matching needs is absent, e.g. `incidents[3].created_at`.
        case missingField(String)
        /// A field is `null` where a value is needed.
        case nullField(String, expected: String)
        /// A field holds another type than the format's.
        case wrongType(String, expected: String)
        /// A field holds a value the format does not allow.
        case invalidValue(String, reason: String)
        /// A time field states a time outside ``OfficialTimeRange`` (quoted as `value`).
        case outOfRange(String, value: String)
        /// XML that is not a usable Atom or RSS feed; the reason says what was wrong and where.
        case notFeed(String)
    }

    /// The document's name (`summary.json`, or the file or URL it came from); nil when unknown.
    package var document: String?
    package var problem: Problem

    package init(document: String? = nil, _ problem: Problem) {
        self.document = document
        self.problem = problem
    }

    package var description: String {
        (document.map { "\($0): " } ?? "") + problemDescription
    }

    /// The problem without the document's name.
    package var problemDescription: String {
        switch problem {
        case .empty: "empty response, not JSON"
        case .looksLikeHTML: "not JSON (looks like HTML)"
        case .notUTF8(let reason): "not JSON: the text \(reason)"
        case .notJSON(let reason): "invalid JSON: \(reason)"
        case .notAnObject(let found):
            "expected a JSON object with \"incidents\" (Statuspage v2), found \(found)"
        case .missingField(let path):
            path == "incidents"
                ? "missing field incidents; not a Statuspage v2 summary.json or incidents.json"
                : "missing field \(path)"
        case .nullField(let path, let expected): "\(path) is null; expected \(expected)"
        case .wrongType(let path, let expected): "\(path) has the wrong type; expected \(expected)"
        case .invalidValue(let path, let reason): "\(path): \(reason)"
        case .outOfRange(let path, let value):
            "\(path) is out of range (\(value)); expected \(OfficialTimeRange.allowed)"
        case .notFeed(let reason): "not an Atom or RSS feed: \(reason)"
        }
    }
}
