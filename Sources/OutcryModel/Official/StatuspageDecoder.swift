import Foundation

/// Reads Statuspage v2 documents (`summary.json`, `incidents.json`) into an ``OfficialSnapshot``.
///
/// Bytes are checked before `JSONDecoder` sees them (UTF-8, then the JSON grammar without recursion), so
/// anything a status page may send (an HTML error page, a truncated body, deep nesting, binary junk) ends
/// in a ``StatuspageDecodingError`` that says what was wrong and where, never in a crash.
package enum StatuspageDecoder {
    /// Decodes one document: an object with `incidents` (required), `components` and `page` (optional).
    ///
    /// An incident or component that is not valid (a required field missing or malformed, a time outside
    /// ``OfficialTimeRange``) is skipped and named in ``OfficialSnapshot/problems``; the rest of the page is
    /// kept. Only a document that is not JSON, not an object, or has no `incidents` array throws.
    /// - Parameter name: how errors name the document, e.g. `summary.json` or a file path.
    package static func decode(
        _ bytes: [UInt8], name: String? = nil
    ) throws(StatuspageDecodingError) -> OfficialSnapshot {
        let body: ArraySlice<UInt8>
        switch checkedJSONObject(bytes) {
        case .success(let slice): body = slice
        case .failure(let problem): throw StatuspageDecodingError(document: name, problem)
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(body))
        } catch let error as DecodingError {
            throw StatuspageDecodingError(document: name, problem(for: error))
        } catch {
            throw StatuspageDecodingError(document: name, .notJSON("\(error)"))
        }
        let entryProblems =
            document.incidentEntries.compactMap(\.problem) + (document.componentEntries ?? []).compactMap(\.problem)
            + (document.maintenanceEntries ?? []).compactMap(\.problem)
        let problems = entryProblems.map { StatuspageDecodingError(document: name, $0) }
        return OfficialSnapshot(
            page: document.page, components: document.componentEntries.map { $0.compactMap(\.value) },
            incidents: merged(document.incidentEntries.compactMap(\.value).map { withURL($0, page: document.page) }),
            problems: Array(problems.prefix(OfficialSnapshot.maximumProblems)), problemCount: problems.count,
            maintenances: document.maintenanceEntries.map { mergedMaintenances($0.compactMap(\.value)) }
        )
    }

    /// Decodes `summary.json` and/or `incidents.json` of one page into one snapshot: components from the
    /// summary, incidents from both (the summary lists the unresolved ones, `incidents.json` recent ones
    /// including resolved), each id once with its most recently updated version.
    package static func decode(
        summary: [UInt8]?, incidents: [UInt8]?
    ) throws(StatuspageDecodingError) -> OfficialSnapshot {
        var parts: [OfficialSnapshot] = []
        if let summary { parts.append(try decode(summary, name: "summary.json")) }
        if let incidents { parts.append(try decode(incidents, name: "incidents.json")) }
        return merge(parts)
    }

    /// Combines snapshots of one page: the first page and component list found, the union of incidents.
    package static func merge(_ parts: [OfficialSnapshot]) -> OfficialSnapshot {
        var merged = OfficialSnapshot(
            page: parts.lazy.compactMap(\.page).first,
            components: parts.lazy.compactMap(\.components).first,
            incidents: merged(parts.flatMap(\.incidents)),
            problems: Array(parts.flatMap(\.problems).prefix(OfficialSnapshot.maximumProblems)),
            problemCount: parts.reduce(0) { $0 + $1.problemCount },
            maintenances: parts.contains { $0.maintenances != nil }
                ? mergedMaintenances(parts.flatMap { $0.maintenances ?? [] }) : nil
        )
        merged.listsActiveIncidentsOnly = !parts.isEmpty && parts.allSatisfy(\.listsActiveIncidentsOnly)
        return merged
    }

    /// Each maintenance id once (the first listed), at most ``maximumMaintenances``.
    static func mergedMaintenances(_ maintenances: [OfficialMaintenance]) -> [OfficialMaintenance] {
        var seen = Set<String>()
        return Array(maintenances.filter { seen.insert($0.id).inserted }.prefix(maximumMaintenances))
    }

    /// Maintenances kept from one page at most (a real page lists a handful).
    package static let maximumMaintenances = 200

    // MARK: - Checks before JSONDecoder

    /// Returns the bytes of the top-level JSON object (without a byte order mark), or why there is none.
    static func checkedJSONObject(_ bytes: [UInt8]) -> Result<ArraySlice<UInt8>, StatuspageDecodingError.Problem> {
        let result: Result<Int, StatuspageDecodingError.Problem> = bytes.withUnsafeBufferPointer { buffer in
            if let reason = UTF8Validation.problem(in: buffer, multiline: true) { return .failure(.notUTF8(reason)) }
            var reader = JSONReader(bytes: buffer)
            reader.skipByteOrderMark()
            let start = reader.position
            reader.skipWhitespace()
            guard let first = reader.current else { return .failure(.empty) }
            if first == UInt8(ascii: "<") { return .failure(.looksLikeHTML) }
            do throws(JSONSyntaxError) {
                try reader.skipValue()
                reader.skipWhitespace()
                if !reader.isAtEnd {
                    throw JSONSyntaxError("unexpected text after the JSON value", at: reader.position)
                }
            } catch {
                let location = ByteLocation.describe(offset: error.offset, in: buffer, multiline: true)
                let ending = error.offset >= buffer.count ? " (end of body)" : ""
                return .failure(.notJSON("\(error.message) at \(location)\(ending)"))
            }
            guard first == UInt8(ascii: "{") else {
                return .failure(.notAnObject(found: JSONReader.jsonKindOfValue(startingWith: first)))
            }
            return .success(start)
        }
        return result.map { bytes[$0...] }
    }

    // MARK: - Decoding

    /// The top level of any of these documents. `incidents` must be an array (except in
    /// `scheduled-maintenances.json`, which has `scheduled_maintenances` instead), and `components` and
    /// `scheduled_maintenances`, when present, too; each of their entries is decoded on its own (``Entry``), so
    /// one bad entry does not cost the page.
    private struct Document: Decodable {
        var page: OfficialPage?
        var componentEntries: [Entry<OfficialComponent>]?
        var incidentEntries: [Entry<OfficialIncident>]
        var maintenanceEntries: [Entry<OfficialMaintenance>]?

        enum CodingKeys: String, CodingKey {
            case page, components, incidents
            case maintenances = "scheduled_maintenances"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            page = container.lenient(OfficialPage.self, .page)
            componentEntries = try container.decodeIfPresent([Entry<OfficialComponent>].self, forKey: .components)
            maintenanceEntries = try container.decodeIfPresent(
                [Entry<OfficialMaintenance>].self, forKey: .maintenances)
            if maintenanceEntries != nil, !container.contains(.incidents) {
                incidentEntries = []
            } else {
                incidentEntries = try container.decode([Entry<OfficialIncident>].self, forKey: .incidents)
            }
        }
    }

    /// One entry of `incidents` or `components`: its value, or why it was skipped (a missing or malformed
    /// field, a time outside ``OfficialTimeRange``), named by its path such as `incidents[3].created_at`.
    struct Entry<Value: Decodable>: Decodable {
        var value: Value?
        var problem: StatuspageDecodingError.Problem?

        init(from decoder: any Decoder) {
            do {
                let decoded = try Value(from: decoder)
                if let timed = decoded as? any OfficialTimedEntry,
                    let bad = timed.requiredTimes.first(where: { !OfficialTimeRange.contains($0.time) })
                {
                    let field = StatuspageDecoder.path(decoder.codingPath) + "." + bad.field
                    problem = .outOfRange(field, value: OfficialTimeRange.quote(bad.time))
                } else {
                    value = decoded
                }
            } catch let error as DecodingError {
                problem = StatuspageDecoder.problem(for: error)
            } catch {
                problem = .invalidValue(StatuspageDecoder.path(decoder.codingPath), reason: bounded("\(error)"))
            }
        }
    }

    /// `text` cut to 200 characters: error texts quote values from the page, which may be huge.
    static func bounded(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// Gives an incident without a shortlink the page's address for it.
    private static func withURL(_ incident: OfficialIncident, page: OfficialPage?) -> OfficialIncident {
        guard incident.url == nil, var base = page?.url, !base.isEmpty else { return incident }
        while base.hasSuffix("/") { base.removeLast() }
        var copy = incident
        copy.url = "\(base)/incidents/\(incident.id)"
        return copy
    }

    /// Each id once (the most recently updated version, the first one on a tie), newest first.
    private static func merged(_ incidents: [OfficialIncident]) -> [OfficialIncident] {
        var byID: [String: OfficialIncident] = [:]
        var order: [String] = []
        for incident in incidents {
            guard let existing = byID[incident.id] else {
                byID[incident.id] = incident
                order.append(incident.id)
                continue
            }
            if (incident.updatedAt ?? incident.createdAt) > (existing.updatedAt ?? existing.createdAt) {
                byID[incident.id] = incident
            }
        }
        return order.compactMap { byID[$0] }.sorted {
            $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id
        }
    }

    // MARK: - Errors

    /// Turns a `DecodingError` into a problem naming the field as `incidents[3].created_at`.
    static func problem(for error: DecodingError) -> StatuspageDecodingError.Problem {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path(context.codingPath + [key]))
        case .valueNotFound(let type, let context):
            return .nullField(path(context.codingPath), expected: describe(type, at: context.codingPath))
        case .typeMismatch(let type, let context):
            return .wrongType(path(context.codingPath), expected: describe(type, at: context.codingPath))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .notJSON(bounded(context.debugDescription)) }
            return .invalidValue(path(context.codingPath), reason: bounded(context.debugDescription))
        @unknown default:
            return .notJSON(bounded("\(error)"))
        }
    }

    /// `incidents[3].created_at`; `(top level)` for the empty path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    /// `a string`, `an array`, `an object`, … for a Swift type named in a `DecodingError`; times (the
    /// format's `…_at` fields) are read as strings, so those say what kind of string.
    static func describe(_ type: Any.Type, at codingPath: [any CodingKey]) -> String {
        let name = String(describing: type)
        let isTimeField = codingPath.last?.stringValue.hasSuffix("_at") ?? false
        if type == Timestamp.self || (type == String.self && isTimeField) {
            return "a time such as 2024-03-05T15:58:12.345Z"
        }
        if type == String.self { return "a string" }
        if type == Bool.self { return "a boolean (true or false)" }
        if name.hasPrefix("Dictionary") || name.contains(":") { return "an object" }
        if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
        if ["Int", "Int64", "Double"].contains(name) { return "a number" }
        return "a value of type \(name)"
    }
}
