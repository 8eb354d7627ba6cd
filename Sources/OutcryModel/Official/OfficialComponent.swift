/// One component of a status page and its current status (`components[]` in Statuspage v2 `summary.json`).
package struct OfficialComponent: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var status: OfficialComponentStatus
    /// When the page last changed the component.
    package var updatedAt: Timestamp?
    /// The group the component belongs to, if any.
    package var groupID: String?
    /// Whether this entry is a group of components rather than a component.
    package var isGroup: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, status
        case updatedAt = "updated_at"
        case groupID = "group_id"
        case isGroup = "group"
    }

    package init(
        id: String, name: String, status: OfficialComponentStatus, updatedAt: Timestamp? = nil, groupID: String? = nil,
        isGroup: Bool = false
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.updatedAt = updatedAt
        self.groupID = groupID
        self.isGroup = isGroup
    }

    /// Strict about `id`, `name` and `status` (what is stored); tolerant of everything else.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        let statusText = try container.decode(String.self, forKey: .status)
        guard let parsed = OfficialComponentStatus(rawValue: statusText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container,
                debugDescription: "\(quoted(statusText)) is not a component status; expected one of "
                    + OfficialComponentStatus.allowedList
            )
        }
        status = parsed
        updatedAt = container.lenientTime(.updatedAt)
        groupID = container.lenientString(.groupID)
        isGroup = container.lenient(Bool.self, .isGroup) ?? false
    }
}

/// A component named by an incident: its id and, usually, its name.
package struct OfficialComponentReference: Codable, Sendable, Equatable, Hashable {
    package var id: String
    package var name: String?

    package init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case id, name }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = container.lenientString(.name)
    }
}
