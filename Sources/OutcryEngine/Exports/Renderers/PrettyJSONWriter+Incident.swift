import OutcryModel

/// The public JSON of incidents, group events and official acknowledgements, written by hand with the keys in
/// the order JSONEncoder's `.sortedKeys` puts them (the types' Codable conformances stay the definition).
extension PrettyJSONWriter {
    mutating func write(_ incident: Incident, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        beginObject(&out)
        key("baseline_reports", &out)
        try number(incident.baselineReports, &out)
        member("detected_at", time: incident.detectedAt, &out)
        member("ended_at", time: incident.endedAt, &out)
        key("evidence", &out)
        try write(incident.evidence, &out)
        key("excess_reports", &out)
        int(incident.excessReports, &out)
        if incident.expected {
            key("expected", &out)
            bool(true, &out)
            member("expected_reason", string: incident.expectedReason ?? "", &out)
        }
        member("id", string: incident.id, &out)
        member("label", string: incident.label, &out)
        member("level", string: incident.level.rawValue, &out)
        key("official", &out)
        if let official = incident.official { write(official, &out) } else { null(&out) }
        member("peak_at", time: incident.peakAt, &out)
        key("peak_reports", &out)
        int(incident.peakReports, &out)
        key("problem_mix_shift", &out)
        try number(incident.problemMixShift, &out)
        member("region", string: incident.region.code, &out)
        key("regions", &out)
        strings(incident.regions.lazy.map(\.code), &out)
        member("scope", string: incident.scope.rawValue, &out)
        member("service", string: incident.service.rawValue, &out)
        member("started_at", time: incident.startedAt, &out)
        member("status", string: incident.status.rawValue, &out)
        member("summary", string: incident.summary, &out)
        key("top_problems", &out)
        beginArray(&out)
        for share in incident.topProblems {
            element(&out)
            beginObject(&out)
            member("problem", string: share.problem.rawValue, &out)
            key("share", &out)
            try number(share.share, &out)
            endObject(&out)
        }
        endArray(&out)
        key("total_reports", &out)
        int(incident.totalReports, &out)
        endObject(&out)
    }

    mutating func write(_ evidence: IncidentEvidence, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        beginObject(&out)
        key("baseline", &out)
        try number(evidence.baseline, &out)
        key("baseline_mature", &out)
        bool(evidence.baselineMature, &out)
        key("likely_threshold", &out)
        try number(evidence.likelyThreshold, &out)
        key("minimum_ratio", &out)
        try number(evidence.minimumRatio, &out)
        key("minimum_reporters", &out)
        int(evidence.minimumReporters, &out)
        key("observed", &out)
        try number(evidence.observed, &out)
        key("possible_threshold", &out)
        try number(evidence.possibleThreshold, &out)
        key("ratio", &out)
        try number(evidence.ratio, &out)
        key("reporters", &out)
        int(evidence.reporters, &out)
        key("statistic", &out)
        try number(evidence.statistic, &out)
        endObject(&out)
    }

    mutating func write(_ official: OfficialAcknowledgement, _ out: inout ExportOutput) {
        beginObject(&out)
        member("acknowledged_at", time: official.acknowledgedAt, &out)
        key("impact", &out)
        optionalString(official.impact, &out)
        key("incident_id", &out)
        optionalString(official.incidentID, &out)
        key("lead_minutes", &out)
        if let lead = official.leadMinutes { int(lead, &out) } else { null(&out) }
        member("status", string: official.status.rawValue, &out)
        key("title", &out)
        optionalString(official.title, &out)
        key("url", &out)
        optionalString(official.url, &out)
        endObject(&out)
    }

    mutating func write(_ event: GroupEvent, _ out: inout ExportOutput) {
        beginObject(&out)
        key("collateral", &out)
        strings(event.collateral.lazy.map(\.rawValue), &out)
        member("ended_at", time: event.endedAt, &out)
        member("epicentre", string: event.epicentre.rawValue, &out)
        member("group", string: event.group, &out)
        member("id", string: event.id, &out)
        key("incident_ids", &out)
        strings(event.incidentIds, &out)
        member("label", string: event.label, &out)
        key("services", &out)
        strings(event.services.lazy.map(\.rawValue), &out)
        member("started_at", time: event.startedAt, &out)
        member("status", string: event.status.rawValue, &out)
        member("summary", string: event.summary, &out)
        endObject(&out)
    }
}
