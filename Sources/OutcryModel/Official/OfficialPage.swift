/// The status page itself, as its documents describe it (`page` in Statuspage v2).
package struct OfficialPage: Codable, Sendable, Equatable {
    package var id: String?
    package var name: String?
    /// The page's public address, e.g. `https://status.example.com`; incident pages live under it.
    package var url: String?
    package var updatedAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case id, name, url
        case updatedAt = "updated_at"
    }

    package init(id: String? = nil, name: String? = nil, url: String? = nil, updatedAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.updatedAt = updatedAt
    }

    /// Every field is optional: matching needs none of them, so a page that leaves one out still syncs.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.lenientString(.id)
        name = container.lenientString(.name)
        url = container.lenientString(.url)
        updatedAt = container.lenientTime(.updatedAt)
    }
}
