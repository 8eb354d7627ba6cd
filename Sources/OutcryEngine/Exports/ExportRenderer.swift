/// Turns a prepared ``ExportReport`` into the text of one ``ExportFormat``: pure, so the CLI and the daemon
/// render alike.
package enum ExportRenderer {
    /// The whole text (for the daemon's responses and tests).
    package static func render(
        _ report: ExportReport, as format: ExportFormat, statuspage: StatuspageSettings = StatuspageSettings()
    ) throws -> String {
        var out = ExportOutput()
        try render(report, as: format, statuspage: statuspage, to: &out)
        return try out.finish()
    }

    /// Streams the text into `out` (call ``ExportOutput/finish()`` afterwards), so a large export never sits in
    /// memory whole.
    ///
    /// - Throws: when a number cannot be written (JSON has no NaN); a sink's failures come from `finish()`.
    package static func render(
        _ report: ExportReport, as format: ExportFormat, statuspage: StatuspageSettings = StatuspageSettings(),
        to out: inout ExportOutput
    ) throws {
        try render(
            report, as: format, statuspage: statuspage, chartCount: report.charts.count, chart: { report.charts[$0] },
            to: &out
        )
    }

    /// Streams the text into `out` with charts made on demand: `chart(i)` for `i` in `0..<chartCount`, each asked
    /// for once, in order, just before it is drawn (nil skips it), instead of ``ExportReport/charts``.
    package static func render(
        _ report: ExportReport, as format: ExportFormat, statuspage: StatuspageSettings = StatuspageSettings(),
        chartCount: Int, chart: (Int) -> ServiceChart?, to out: inout ExportOutput
    ) throws {
        switch format {
        case .json:
            try IncidentExportDocument.write(
                generatedAt: report.generatedAt, since: report.since, until: report.until, incidents: report.incidents,
                groupEvents: report.groupEvents, to: &out
            )
            out += "\n"
        case .csv: IncidentCSVRenderer.render(report, to: &out)
        case .markdown: MarkdownReportRenderer.render(report, to: &out)
        case .svg: SVGChartRenderer.render(report, chartCount: chartCount, chart: chart, to: &out)
        case .html: HTMLReportRenderer.render(report, chartCount: chartCount, chart: chart, to: &out)
        case .statuspage: StatuspageRenderer.render(report, settings: statuspage, to: &out)
        }
    }
}
