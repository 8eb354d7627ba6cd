import OutcryModel

/// A piece of the incident report, rendered alike as Markdown and as HTML so both say the same thing.
enum ReportBlock: Sendable {
    /// Level 1…3.
    case heading(Int, String, anchor: String? = nil)
    case paragraph(String)
    /// The unofficial disclaimer: a blockquote in Markdown, a framed note in HTML.
    case notice(String)
    /// A table; columns listed in `numeric` are right-aligned.
    case table(headers: [String], rows: [[String]], numeric: Set<Int> = [])
    /// The summary table of these incidents (``ReportOutline/summaryHeaders``, a
    /// ``ReportOutline/summaryRow(_:services:)`` each), its rows made one at a time while writing.
    case incidentTable([Incident])
    case list([String])
    /// `label: value` lines.
    case facts([(label: String, value: String)])
    /// The chart at this index (of ``ExportReport/charts``, or made on demand; HTML only).
    case chart(Int)
}
