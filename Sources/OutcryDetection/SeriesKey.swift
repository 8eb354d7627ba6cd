package import OutcryModel

/// A tracked series: one service in one region, or in `Region.global` (all its regions summed).
package struct SeriesKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    package var service: ServiceSlug
    /// A real region, or `Region.global`.
    package var region: Region

    package init(service: ServiceSlug, region: Region) {
        self.service = service
        self.region = region
    }

    package var description: String { "\(service)/\(region)" }

    package static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        if lhs.service != rhs.service { return lhs.service < rhs.service }
        return lhs.region < rhs.region
    }
}
