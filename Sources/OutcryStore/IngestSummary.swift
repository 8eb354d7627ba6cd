/// What one write of reports did. `stored == counted + duplicates`; anonymous reports are counted.
package struct IngestSummary: Sendable, Equatable {
    package var stored = 0
    package var counted = 0
    package var duplicates = 0
    package var anonymous = 0

    package init(stored: Int = 0, counted: Int = 0, duplicates: Int = 0, anonymous: Int = 0) {
        self.stored = stored
        self.counted = counted
        self.duplicates = duplicates
        self.anonymous = anonymous
    }

    package static func + (lhs: IngestSummary, rhs: IngestSummary) -> IngestSummary {
        IngestSummary(
            stored: lhs.stored + rhs.stored, counted: lhs.counted + rhs.counted,
            duplicates: lhs.duplicates + rhs.duplicates, anonymous: lhs.anonymous + rhs.anonymous
        )
    }

    package static func += (lhs: inout IngestSummary, rhs: IngestSummary) { lhs = lhs + rhs }

    /// Adds one stored report as it was classified.
    package mutating func add(_ classification: ReportClassification) {
        stored += 1
        switch classification {
        case .counted: counted += 1
        case .duplicate: duplicates += 1
        case .anonymous:
            counted += 1
            anonymous += 1
        }
    }
}

/// How one stored report was classified.
package enum ReportClassification: String, Sendable, Equatable {
    case counted
    case duplicate
    case anonymous
}
