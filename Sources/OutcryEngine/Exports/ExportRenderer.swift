/// Turns a prepared ``ExportReport`` into the text of one ``ExportFormat``: pure, so the CLI and the daemon
/// render alike.
package enum ExportRenderer {
    package static func render(
        _ report: ExportReport, as format: ExportFormat, statuspage: StatuspageSettings = StatuspageSettings()
    ) throws -> String {
        switch format {
        case .json: try report.jsonDocument.jsonText() + "\n"
        case .csv: IncidentCSVRenderer.render(report)
        case .markdown: MarkdownReportRenderer.render(report)
        case .svg: SVGChartRenderer.render(report)
        case .html: HTMLReportRenderer.render(report)
        case .statuspage: StatuspageRenderer.render(report, settings: statuspage)
        }
    }
}
