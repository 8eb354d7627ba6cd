/// The incident document's field table: the one definition of the incident's JSON (`GET /v1/incidents`,
/// `outcry export --format json`, stored bodies, notification payloads). openapi.yaml's `Incident` schema is
/// checked against it by `OpenAPIWireSchemaTests`.
extension Incident: WireDocument {
    package static let wire = WireTable<Incident>(
        "Incident", blank: blank,
        fields: [
            .string("id", \.id),
            .slug("service", \.service),
            .region("region", \.region),
            .choice("status", \.status),
            .choice("level", \.level),
            .label(\.label),
            .time("detected_at", \.detectedAt),
            .time("started_at", \.startedAt),
            .time("peak_at", \.peakAt),
            .time("ended_at", \.endedAt),
            .int("peak_reports", \.peakReports),
            .number("baseline_reports", \.baselineReports),
            .int("total_reports", \.totalReports),
            .int("excess_reports", \.excessReports),
            .choice("scope", \.scope),
            .regions("regions", \.regions),
            .objects("top_problems", \.topProblems),
            .number("problem_mix_shift", \.problemMixShift),
            .string("summary", \.summary),
            .object("evidence", \.evidence),
            .object("official", \.official),
            // Written only for an expected incident, so the JSON of every other incident is unchanged.
            WireField(
                "expected", .boolean, .optional, get: { $0.expected ? .bool(true) : nil },
                set: { $0.expected = try $1.bool() }
            ),
            WireField(
                "expected_reason", .string, .optional, get: { $0.expected ? .string($0.expectedReason ?? "") : nil },
                set: { $0.expectedReason = try $1.string() }
            ),
        ]
    )

    /// Where reading starts; every required field overwrites it.
    private static let blank = Incident(
        id: "", service: ServiceSlug.placeholder, region: .global, status: .open, level: .normal,
        detectedAt: Timestamp(seconds: 0), startedAt: Timestamp(seconds: 0), peakAt: Timestamp(seconds: 0),
        endedAt: nil, peakReports: 0, baselineReports: 0, totalReports: 0, excessReports: 0, scope: .global,
        regions: [], topProblems: [], problemMixShift: 0, summary: "", evidence: IncidentEvidence.wireBlank
    )
}

extension IncidentEvidence: WireDocument {
    package static let wire = WireTable<IncidentEvidence>(
        "IncidentEvidence", blank: wireBlank,
        fields: [
            .number("baseline", \.baseline),
            .number("observed", \.observed),
            .number("statistic", \.statistic),
            .number("ratio", \.ratio),
            .int("reporters", \.reporters),
            .number("possible_threshold", \.possibleThreshold),
            .number("likely_threshold", \.likelyThreshold),
            .number("minimum_ratio", \.minimumRatio),
            .int("minimum_reporters", \.minimumReporters),
            .bool("baseline_mature", \.baselineMature),
        ]
    )

    fileprivate static let wireBlank = IncidentEvidence(
        baseline: 0, observed: 0, statistic: 0, ratio: 0, reporters: 0, possibleThreshold: 0, likelyThreshold: 0,
        minimumRatio: 0, minimumReporters: 0, baselineMature: false
    )
}

extension ProblemShare: WireDocument {
    package static let wire = WireTable<ProblemShare>(
        "ProblemShare", blank: ProblemShare(problem: .other, share: 0),
        fields: [
            .choice("problem", \.problem),
            .number("share", \.share),
        ]
    )
}

extension OfficialAcknowledgement: WireDocument {
    /// Every key is written, `null` when absent, so consumers see one shape.
    package static let wire = WireTable<OfficialAcknowledgement>(
        "OfficialAcknowledgement", blank: .notAcknowledged,
        fields: [
            .choice("status", \.status),
            .time("acknowledged_at", \.acknowledgedAt),
            .int("lead_minutes", \.leadMinutes),
            .string("title", \.title),
            .string("url", \.url),
            .string("incident_id", \.incidentID),
            .string("impact", \.impact),
        ]
    )
}

extension ServiceSlug {
    /// A valid slug for a document's blank value, overwritten by every read (a constant that always parses).
    // swift-format-ignore: NeverForceUnwrap
    static let placeholder = ServiceSlug(rawValue: "unknown")!
}

extension WireField {
    /// The label, `unofficial` in every document.
    static func label(_ path: Path<String>) -> WireField {
        WireField(
            "label", .choice([Incident.unofficialLabel]), get: { .string($0[keyPath: path]) },
            set: { $0[keyPath: path] = try $1.string() }
        )
    }

    /// A service slug.
    static func slug(_ name: String, _ path: Path<ServiceSlug>) -> WireField {
        WireField(
            name, .string, get: { .string($0[keyPath: path].rawValue) },
            set: { $0[keyPath: path] = try $1.slug() }
        )
    }

    /// A list of service slugs.
    static func slugs(_ name: String, _ path: Path<[ServiceSlug]>) -> WireField {
        WireField(
            name, .array(.string), get: { .array($0[keyPath: path].map { .string($0.rawValue) }) },
            set: { $0[keyPath: path] = try $1.array { value in try value.slug() } }
        )
    }

    /// A region code, `global` allowed.
    static func region(_ name: String, _ path: Path<Region>) -> WireField {
        WireField(
            name, .string, get: { .string($0[keyPath: path].code) }, set: { $0[keyPath: path] = try $1.region() }
        )
    }

    /// A list of region codes.
    static func regions(_ name: String, _ path: Path<[Region]>) -> WireField {
        WireField(
            name, .array(.string), get: { .array($0[keyPath: path].map { .string($0.code) }) },
            set: { $0[keyPath: path] = try $1.array { value in try value.region() } }
        )
    }
}

extension WireValue {
    /// The service slug this string names.
    func slug() throws(WireValueError) -> ServiceSlug {
        let text = try string()
        do { return try ServiceSlug.parse(text) } catch { throw WireValueError(error.reason) }
    }

    /// The region this string names (`global` allowed).
    func region() throws(WireValueError) -> Region {
        let text = try string()
        do { return try Region.parseAllowingGlobal(text) } catch { throw WireValueError(error.reason) }
    }
}
