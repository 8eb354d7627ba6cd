/// The group event's field table: the one definition of its JSON (`group_events` in exports and the API,
/// stored bodies); openapi.yaml's `GroupEvent` schema is checked against it.
extension GroupEvent: WireDocument {
    package static let wire = WireTable<GroupEvent>(
        "GroupEvent",
        blank: GroupEvent(
            id: "", group: "", status: .open, startedAt: Timestamp(seconds: 0), endedAt: nil,
            epicentre: .placeholder, collateral: [], services: [], incidentIds: [], summary: ""
        ),
        fields: [
            .string("id", \.id),
            .string("group", \.group),
            .label(\.label),
            .choice("status", \.status),
            .time("started_at", \.startedAt),
            .time("ended_at", \.endedAt),
            .slug("epicentre", \.epicentre),
            .slugs("collateral", \.collateral),
            .slugs("services", \.services),
            .strings("incident_ids", \.incidentIds),
            .string("summary", \.summary),
        ]
    )
}
