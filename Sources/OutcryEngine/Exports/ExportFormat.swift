/// The formats of `outcry export`; every one says the incidents are unofficial indicators from user reports.
package enum ExportFormat: String, Sendable, CaseIterable {
    /// ``IncidentExportDocument``: the stable public JSON interface.
    case json
    /// One row per incident, RFC 4180, CRLF line ends.
    case csv
    /// A report for people: summary table, timelines, problems, regions, history.
    case markdown
    /// Standalone charts: reports per bucket against the baseline band, incidents shaded.
    case svg
    /// The Markdown report's content with the charts inline, in one self-contained file.
    case html
    /// A Statuspage v2 `summary.json`-shaped document.
    case statuspage

    /// Whether the format shows per-bucket charts (needs report counts and the detector's baseline).
    package var showsCharts: Bool { self == .svg || self == .html }
    /// Whether the format shows service histories (needs every incident of the services involved).
    package var showsHistory: Bool { self == .markdown || self == .html }
    /// Whether the format shows every monitored service (components), not only those with incidents.
    package var showsAllServices: Bool { self == .statuspage }

    /// The usual file extension.
    package var fileExtension: String {
        switch self {
        case .json, .statuspage: "json"
        case .csv: "csv"
        case .markdown: "md"
        case .svg: "svg"
        case .html: "html"
        }
    }
}
