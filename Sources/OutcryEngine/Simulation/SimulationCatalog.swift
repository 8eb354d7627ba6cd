package import OutcryModel

/// Fixed building blocks for the scenario presets: well-known regions with population-like weights and
/// standard-time UTC offsets (early March: no daylight saving in the northern hemisphere), and helpers that
/// turn literals known to be valid into model values.
package enum SimulationCatalog {
    /// Thirty countries, largest audiences first; presets take a prefix.
    package static let regions: [SimulatedRegion] = [
        ("US", 22.0, -6.0), ("IN", 10, 5.5), ("BR", 9, -3), ("GB", 6, 0), ("DE", 5, 1), ("MX", 4.5, -6),
        ("FR", 4.5, 1), ("ID", 4, 7), ("JP", 4, 9), ("IT", 3.5, 1), ("ES", 3.5, 1), ("CA", 3, -5),
        ("PH", 3, 8), ("TR", 2.5, 3), ("AR", 2, -3), ("AU", 2, 11), ("NG", 2, 1), ("EG", 2, 2),
        ("PL", 1.5, 1), ("NL", 1.5, 1), ("ZA", 1.5, 2), ("SA", 1.5, 3), ("CO", 1.5, -5), ("TH", 1.5, 7),
        ("PK", 1.5, 5), ("VN", 1.5, 7), ("MY", 1, 8), ("SE", 1, 1), ("CL", 1, -3), ("KR", 1, 9),
    ].map { SimulatedRegion(region: region($0.0), weight: $0.1, utcOffsetHours: $0.2) }

    /// A region code known to be valid.
    package static func region(_ code: String) -> Region {
        do {
            return try Region.parse(code)
        } catch {
            preconditionFailure("simulation catalog region \(code) is invalid: \(error)")
        }
    }

    /// A service slug known to be valid.
    package static func slug(_ text: String) -> ServiceSlug {
        guard let slug = ServiceSlug(rawValue: text) else {
            preconditionFailure("simulation catalog slug \(text) is invalid")
        }
        return slug
    }

    /// Midnight UTC of a date.
    package static func midnight(_ year: Int64, _ month: Int64, _ day: Int64) -> Timestamp {
        CivilTime(year: year, month: month, day: day).timestamp
    }
}
