/// A service that Outcry watches: its slug, how it is shown, its group and the problem kinds it accepts.
package struct MonitoredService: Codable, Sendable, Hashable {
    package var slug: ServiceSlug
    /// Display name, e.g. `WhatsApp`.
    package var name: String
    /// Services that tend to fail together share a group (`meta` for WhatsApp, Instagram, Messenger…).
    package var group: String?
    /// The problem kinds reports may name; nil accepts every kind.
    package var problems: [ProblemKind]?
    /// How readily a spike of this service becomes a likely outage (its expected false-alarm rate).
    package var sensitivity: Sensitivity

    package init(
        slug: ServiceSlug, name: String? = nil, group: String? = nil, problems: [ProblemKind]? = nil,
        sensitivity: Sensitivity = .normal
    ) {
        self.slug = slug
        self.name = name ?? slug.rawValue
        self.group = group
        self.problems = problems
        self.sensitivity = sensitivity
    }

    enum CodingKeys: String, CodingKey {
        case slug, name, group, problems, sensitivity
    }

    /// Decodes a saved service; one saved before sensitivities existed is `normal`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decode(ServiceSlug.self, forKey: .slug)
        name = try container.decode(String.self, forKey: .name)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        problems = try container.decodeIfPresent([ProblemKind].self, forKey: .problems)
        sensitivity = try container.decodeIfPresent(Sensitivity.self, forKey: .sensitivity) ?? .normal
    }

    /// The longest display name accepted, in UTF-8 bytes.
    package static let maximumNameBytes = 200

    /// Refuses a display name that is empty or longer than ``maximumNameBytes`` bytes.
    package static func checkName(_ name: String, field: String = "name") throws(ReportValidationError) {
        guard !name.trimmingASCIIWhitespace().isEmpty else {
            throw ReportValidationError(field: field, reason: "is empty")
        }
        guard name.utf8.count <= maximumNameBytes else {
            throw ReportValidationError(
                field: field,
                reason: "is \(name.utf8.count) bytes long in UTF-8; at most \(maximumNameBytes) bytes are allowed"
            )
        }
    }

    /// Whether a report of `problem` is accepted for this service.
    package func accepts(_ problem: ProblemKind) -> Bool {
        problems?.contains(problem) ?? true
    }
}
