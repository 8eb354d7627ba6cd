import Foundation

/// Reads an Instatus page's public `summary.json` (documented at instatus.com/help/api/public-data) into an
/// ``OfficialSnapshot``.
///
/// The document lists only what is going on now: `activeIncidents` (`name`, `started`, `status`, `impact`,
/// `url`) and `activeMaintenances` (`name`, `start`, `status`, `duration` in minutes, `url`), plus `page`
/// (`name`, `url`, `status`). It has no ids: an entry's `url` is its id (else its name and start). Because
/// resolved incidents are not listed, the snapshot says ``OfficialSnapshot/listsActiveIncidentsOnly``: the
/// engine then ends a stored incident that disappears at the time of the read. Times are ISO 8601 or the
/// JavaScript form the documentation shows (`Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal
/// Time)`); an entry with a missing or unusable name or time, a time outside ``OfficialTimeRange`` or a
/// duration outside 1…10,080 minutes is skipped and named; texts are cut like a feed's.
package enum InstatusDecoder {
    /// Whether `bytes` hold an Instatus summary rather than a Statuspage document (they name its arrays).
    package static func looksLikeInstatus(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1 << 16), as: UTF8.self)
        return head.contains("\"activeIncidents\"") || head.contains("\"activeMaintenances\"")
    }

    package static func decode(_ bytes: [UInt8], name: String? = nil) throws(StatuspageDecodingError)
        -> OfficialSnapshot
    {
        let root = try rootObject(bytes, name: name)
        var problems: [StatuspageDecodingError] = []
        func problem(_ value: StatuspageDecodingError.Problem) {
            problems.append(StatuspageDecodingError(document: name, value))
        }
        var page: OfficialPage?
        if let object = root["page"] as? [String: Any] {
            page = OfficialPage(
                name: (object["name"] as? String).map { FeedDecoder.bounded($0, bytes: 120) },
                url: (object["url"] as? String).flatMap(FeedDecoder.httpURL))
        }
        var incidents = activeIncidents(root, problem: problem)
        let maintenances = activeMaintenances(root, problem: problem)
        incidents.sort { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id < $1.id }
        var snapshot = OfficialSnapshot(
            page: page, components: nil, incidents: incidents,
            problems: Array(problems.prefix(OfficialSnapshot.maximumProblems)), problemCount: problems.count,
            maintenances: StatuspageDecoder.mergedMaintenances(maintenances))
        snapshot.listsActiveIncidentsOnly = true
        return snapshot
    }

    /// The document's top-level object, after the shared grammar and size check.
    private static func rootObject(_ bytes: [UInt8], name: String?) throws(StatuspageDecodingError)
        -> [String: Any]
    {
        let body: ArraySlice<UInt8>
        switch StatuspageDecoder.checkedJSONObject(bytes) {
        case .success(let slice): body = slice
        case .failure(let problem): throw StatuspageDecodingError(document: name, problem)
        }
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw StatuspageDecodingError(document: name, .notAnObject(found: "another value"))
            }
            return object
        } catch let error as StatuspageDecodingError {
            throw error
        } catch {
            throw StatuspageDecodingError(document: name, .notJSON(StatuspageDecoder.bounded("\(error)")))
        }
    }

    /// `activeIncidents`: each usable entry once (by its id), the others named as problems.
    private static func activeIncidents(
        _ root: [String: Any], problem: (StatuspageDecodingError.Problem) -> Void
    ) -> [OfficialIncident] {
        var incidents: [OfficialIncident] = []
        var seen = Set<String>()
        for (index, entry) in entries(root["activeIncidents"], field: "activeIncidents", problem: problem).enumerated()
        {
            let path = "activeIncidents[\(index)]"
            switch required(entry, path: path, name: "name", time: "started") {
            case .failure(let failure): problem(failure)
            case .success(let (title, started)):
                let url = (entry["url"] as? String).flatMap(FeedDecoder.httpURL)
                let id = FeedDecoder.bounded(url ?? "\(title)@\(started.iso8601)", bytes: 300)
                guard seen.insert(id).inserted else { continue }
                let status = ((entry["status"] as? String) ?? "investigating").lowercased()
                let impact = (entry["impact"] as? String).flatMap(Self.impact)
                let isFinished = OfficialIncident.finishedStatuses.contains(status)
                incidents.append(
                    OfficialIncident(
                        id: id, name: FeedDecoder.bounded(title, bytes: FeedDecoder.maximumTitleBytes),
                        status: FeedDecoder.bounded(status, bytes: 40), impact: impact, createdAt: started,
                        resolvedAt: nil, url: url,
                        updates: isFinished
                            ? [OfficialIncidentUpdate(status: status, body: "", createdAt: started)] : []))
            }
        }
        return incidents
    }

    /// `activeMaintenances`: entries with a name, a start and a duration of 1…10,080 minutes; the others are
    /// named as problems.
    private static func activeMaintenances(
        _ root: [String: Any], problem: (StatuspageDecodingError.Problem) -> Void
    ) -> [OfficialMaintenance] {
        var maintenances: [OfficialMaintenance] = []
        for (index, entry) in entries(root["activeMaintenances"], field: "activeMaintenances", problem: problem)
            .enumerated()
        {
            let path = "activeMaintenances[\(index)]"
            switch required(entry, path: path, name: "name", time: "start") {
            case .failure(let failure): problem(failure)
            case .success(let (title, start)):
                guard let minutes = durationMinutes(entry["duration"]), (1...10_080).contains(minutes) else {
                    problem(.invalidValue("\(path).duration", reason: "expected minutes from 1 to 10080"))
                    continue
                }
                let url = (entry["url"] as? String).flatMap(FeedDecoder.httpURL)
                maintenances.append(
                    OfficialMaintenance(
                        id: FeedDecoder.bounded(url ?? "\(title)@\(start.iso8601)", bytes: 300),
                        name: FeedDecoder.bounded(title, bytes: FeedDecoder.maximumTitleBytes),
                        status: FeedDecoder.bounded(
                            ((entry["status"] as? String) ?? "scheduled").lowercased(), bytes: 40),
                        scheduledFor: start, scheduledUntil: start.adding(minutes: Int64(minutes))))
            }
        }
        return maintenances
    }

    /// A duration in whole minutes, given as text or as a number (nil when it is neither or out of range).
    private static func durationMinutes(_ value: Any?) -> Int? {
        switch value {
        case let text as String: return Int(text.trimmingWhitespace())
        case let number as NSNumber:
            return number.doubleValue.isFinite && abs(number.doubleValue) < 1e9 ? Int(number.doubleValue) : nil
        default: return nil
        }
    }

    /// The entries of an array field (at most ``FeedDecoder/maximumEntries``); a field of another type is a
    /// problem, a missing one is empty.
    private static func entries(
        _ value: Any?, field: String, problem: (StatuspageDecodingError.Problem) -> Void
    ) -> [[String: Any]] {
        guard let value else { return [] }
        guard let array = value as? [Any] else {
            problem(.wrongType(field, expected: "an array"))
            return []
        }
        var result: [[String: Any]] = []
        for (index, element) in array.prefix(FeedDecoder.maximumEntries).enumerated() {
            guard let object = element as? [String: Any] else {
                problem(.wrongType("\(field)[\(index)]", expected: "an object"))
                continue
            }
            result.append(object)
        }
        return result
    }

    /// The entry's name and time, or why it cannot be used.
    private static func required(
        _ entry: [String: Any], path: String, name: String, time: String
    ) -> Result<(String, Timestamp), StatuspageDecodingError.Problem> {
        guard let value = entry[name] else { return .failure(.missingField("\(path).\(name)")) }
        guard let title = (value as? String)?.trimmingWhitespace(), !title.isEmpty else {
            return .failure(.wrongType("\(path).\(name)", expected: "a non-empty string"))
        }
        guard let raw = entry[time] else { return .failure(.missingField("\(path).\(time)")) }
        guard let text = raw as? String, let parsed = FeedTime.parse(text) else {
            return .failure(
                .invalidValue(
                    "\(path).\(time)", reason: "not a time; expected ISO 8601 or \"Sat Jun 11 2022 18:55:50 GMT+0000\"")
            )
        }
        guard OfficialTimeRange.contains(parsed) else {
            return .failure(.outOfRange("\(path).\(time)", value: OfficialTimeRange.quote(parsed)))
        }
        return .success((title, parsed))
    }

    /// Instatus impacts (`MAJOROUTAGE`, `PARTIALOUTAGE`, `DEGRADEDPERFORMANCE`, …) as Statuspage's.
    static func impact(_ text: String) -> OfficialImpact? {
        switch text.uppercased() {
        case "MAJOROUTAGE": .critical
        case "PARTIALOUTAGE", "MINOROUTAGE": .major
        case "DEGRADEDPERFORMANCE": .minor
        case "UNDERMAINTENANCE": .maintenance
        default: nil
        }
    }
}
