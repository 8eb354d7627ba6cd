package import OutcryModel
package import OutcryStore

/// The file formats `outcry import` reads: one report per line.
package enum ImportFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one flat JSON object per line.
    case jsonl
    /// CSV with a header line `service,region,problem,at,reporter[,comment]`.
    case csv

    /// The format a file name implies (`.csv`; `.jsonl`, `.ndjson`, `.json`), or nil.
    package init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".csv") {
            self = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            self = .jsonl
        } else {
            return nil
        }
    }
}

/// Where an import reads from.
package enum ImportSource: Sendable, Equatable {
    case file(path: String)
    case standardInput

    package var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "standard input"
        }
    }
}

/// A line that was skipped, and why.
package struct LineRejection: Sendable, Equatable, CustomStringConvertible {
    package var line: Int
    package var error: ReportValidationError

    package var description: String { "line \(line): \(error.description)" }
}

/// How an import went: what was stored (counted + duplicates) and how many lines were skipped.
package struct ImportResult: Sendable, Equatable {
    package var summary = IngestSummary()
    package var rejected = 0
    package var bytesRead = 0

    /// `imported N reports: A counted, D duplicate, R rejected`.
    package var summaryLine: String {
        "imported \(summary.stored) reports: \(summary.counted) counted, \(summary.duplicates) duplicate, \(rejected) rejected"
    }
}

/// Progress of a running import, for a progress bar.
package struct ImportProgress: Sendable {
    package var bytesRead: Int
    /// The file's size; nil when reading a pipe.
    package var totalBytes: Int?
    package var stored: Int
    package var rejected: Int
}
