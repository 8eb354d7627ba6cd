import Foundation
package import OutcryModel

/// Reads stored incident and group-event bodies: the fast ``JSONNode`` path, with JSONDecoder as the fallback
/// for anything the fast path does not recognise, so both always agree on what is stored.
package enum StoredBody {
    /// Regions and service slugs already parsed while reading many bodies (a year of incidents names only a few
    /// dozen regions and services).
    package struct RegionCache {
        private var parsed: [String: Region] = [:]
        private var slugs: [String: ServiceSlug] = [:]

        package init() {}

        /// The service slug `text`, nil when it is not one.
        mutating func slug(_ text: String) -> ServiceSlug? {
            if let known = slugs[text] { return known }
            guard let slug = ServiceSlug(rawValue: text) else { return nil }
            if slugs.count < 4096 { slugs[text] = slug }
            return slug
        }

        /// The stored region `code` (`global` allowed), nil when it is not one.
        mutating func region(_ code: String) -> Region? {
            if let known = parsed[code] { return known }
            guard let region = try? Region.parseAllowingGlobal(code) else { return nil }
            if parsed.count < 1024 { parsed[code] = region }
            return region
        }
    }

    /// Decodes a stored incident body.
    package static func incident(_ bytes: [UInt8]) throws -> Incident {
        var regions = RegionCache()
        return try incident(bytes, regions: &regions)
    }

    /// Decodes a stored incident body, reusing `regions` across calls.
    package static func incident(_ bytes: [UInt8], regions: inout RegionCache) throws -> Incident {
        if let fast = fastIncident(bytes, regions: &regions) { return fast }
        return try JSONDecoder().decode(Incident.self, from: Data(bytes))
    }

    /// The fast path alone: nil when the body holds anything it does not recognise.
    package static func fastIncident(_ bytes: [UInt8]) -> Incident? {
        var regions = RegionCache()
        return fastIncident(bytes, regions: &regions)
    }

    static func fastIncident(_ bytes: [UInt8], regions: inout RegionCache) -> Incident? {
        guard let node = bytes.withUnsafeBufferPointer({ JSONNode.parse($0) }) else { return nil }
        return incident(from: node, regions: &regions)
    }

    static func incident(from node: JSONNode, regions cache: inout RegionCache) -> Incident? {
        guard let id = node["id"]?.string,
            let service = node["service"]?.string.flatMap({ cache.slug($0) }),
            let region = node["region"]?.string.flatMap({ cache.region($0) }),
            let status = node["status"]?.string.flatMap(IncidentStatus.init(rawValue:)),
            let level = node["level"]?.string.flatMap(AlertLevel.init(rawValue:)),
            let label = node["label"]?.string,
            let detectedAt = time(node["detected_at"]), let startedAt = time(node["started_at"]),
            let peakAt = time(node["peak_at"]),
            let peakReports = node["peak_reports"]?.int, let baselineReports = node["baseline_reports"]?.number,
            let totalReports = node["total_reports"]?.int, let excessReports = node["excess_reports"]?.int,
            let scope = node["scope"]?.string.flatMap(IncidentScope.init(rawValue:)),
            let regionNodes = node["regions"]?.array, let problemNodes = node["top_problems"]?.array,
            let shift = node["problem_mix_shift"]?.number, let summary = node["summary"]?.string,
            let evidence = node["evidence"].flatMap(evidence(from:))
        else { return nil }
        var endedAt: Timestamp? = nil
        if let ended = node["ended_at"], !ended.isNull {
            guard let parsed = time(ended) else { return nil }
            endedAt = parsed
        }
        var regions: [Region] = []
        for regionNode in regionNodes {
            guard let parsed = regionNode.string.flatMap({ cache.region($0) }) else { return nil }
            regions.append(parsed)
        }
        var problems: [ProblemShare] = []
        for problemNode in problemNodes {
            guard let problem = problemNode["problem"]?.string.flatMap(ProblemKind.init(rawValue:)),
                let share = problemNode["share"]?.number
            else { return nil }
            problems.append(ProblemShare(problem: problem, share: share))
        }
        var incident = Incident(
            id: id, service: service, region: region, status: status, level: level, detectedAt: detectedAt,
            startedAt: startedAt, peakAt: peakAt, endedAt: endedAt, peakReports: peakReports,
            baselineReports: baselineReports, totalReports: totalReports, excessReports: excessReports, scope: scope,
            regions: regions, topProblems: problems, problemMixShift: shift, summary: summary, evidence: evidence
        )
        incident.label = label
        if let node = node["official"], !node.isNull {
            guard let official = official(from: node) else { return nil }
            incident.official = official
        }
        if let node = node["expected"], !node.isNull {
            guard let expected = node.bool else { return nil }
            incident.expected = expected
        }
        if let node = node["expected_reason"], !node.isNull {
            guard let reason = node.string else { return nil }
            incident.expectedReason = reason
        }
        return incident
    }

    /// An ``OfficialAcknowledgement``: `status` is required, the other keys may be missing or `null` (as
    /// JSONDecoder reads them); a value of the wrong type is nil, so JSONDecoder reports it.
    static func official(from node: JSONNode) -> OfficialAcknowledgement? {
        guard let status = node["status"]?.string.flatMap(OfficialAcknowledgement.Status.init(rawValue:)) else {
            return nil
        }
        var official = OfficialAcknowledgement(status: status)
        if let value = node["acknowledged_at"], !value.isNull {
            guard let time = time(value) else { return nil }
            official.acknowledgedAt = time
        }
        if let value = node["lead_minutes"], !value.isNull {
            guard let minutes = value.int else { return nil }
            official.leadMinutes = minutes
        }
        let texts: [(String, WritableKeyPath<OfficialAcknowledgement, String?>)] = [
            ("title", \.title), ("url", \.url), ("incident_id", \.incidentID), ("impact", \.impact),
        ]
        for (key, path) in texts {
            guard let value = node[key], !value.isNull else { continue }
            guard let text = value.string else { return nil }
            official[keyPath: path] = text
        }
        return official
    }

    static func evidence(from node: JSONNode) -> IncidentEvidence? {
        guard let baseline = node["baseline"]?.number, let observed = node["observed"]?.number,
            let statistic = node["statistic"]?.number, let ratio = node["ratio"]?.number,
            let reporters = node["reporters"]?.int, let possible = node["possible_threshold"]?.number,
            let likely = node["likely_threshold"]?.number, let minimumRatio = node["minimum_ratio"]?.number,
            let minimumReporters = node["minimum_reporters"]?.int, let mature = node["baseline_mature"]?.bool
        else { return nil }
        return IncidentEvidence(
            baseline: baseline, observed: observed, statistic: statistic, ratio: ratio, reporters: reporters,
            possibleThreshold: possible, likelyThreshold: likely, minimumRatio: minimumRatio,
            minimumReporters: minimumReporters, baselineMature: mature
        )
    }

    static func time(_ node: JSONNode?) -> Timestamp? {
        guard let node else { return nil }
        if let text = node.string { return Timestamp(iso8601: text) }
        return node.int.map { Timestamp(seconds: Int64($0)) }
    }
}
