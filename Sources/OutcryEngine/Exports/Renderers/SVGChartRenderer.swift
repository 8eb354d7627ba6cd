import OutcryModel

/// `outcry export --format svg`: charts of reports per bucket against the baseline band, incidents shaded
/// from onset to recovery, detection and peak marked, UTC axis labels, a legend and the unofficial label, all
/// inside the image. Generic font family only, no external resources.
package enum SVGChartRenderer {
    /// The size of one chart, in SVG user units.
    package static let width = 960.0
    package static let height = 390.0

    static let plotLeft = 64.0
    static let plotRight = width - 24
    static let plotTop = 60.0
    static let plotBottom = height - 100
    /// Markers and labels are drawn for at most this many incidents of the charted series (a year stays readable).
    static let markedIncidentLimit = 24
    static let labelledIncidentLimit = 6

    /// A standalone SVG document with the report's charts stacked, or a small notice when there is none.
    package static func render(_ report: ExportReport) -> String {
        var out = ExportOutput()
        render(report, to: &out)
        return (try? out.finish()) ?? ""
    }

    /// Streams the document into `out`.
    package static func render(_ report: ExportReport, to out: inout ExportOutput) {
        render(report, chartCount: report.charts.count, chart: { report.charts[$0] }, to: &out)
    }

    /// Streams the document into `out`, asking for each chart just before drawing it (see
    /// ``ExportRenderer/render(_:as:statuspage:chartCount:chart:to:)``).
    static func render(
        _ report: ExportReport, chartCount: Int, chart: (Int) -> ServiceChart?, to out: inout ExportOutput
    ) {
        let count = max(1, chartCount)
        let total = height * Double(count)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(total))\" "
        out += "viewBox=\"0 0 \(n(width)) \(n(total))\" font-family=\"sans-serif\" role=\"img\">\n"
        out +=
            "<title>\("Outcry incident charts, \(report.range.text) — unofficial, based on user reports".xmlEscaped)</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        if chartCount == 0 {
            out += emptyNotice(report)
        }
        for index in 0..<chartCount {
            guard let chart = chart(index) else { continue }
            out += "<g transform=\"translate(0 \(n(height * Double(index))))\">\n"
            body(chart, to: &out)
            out += "</g>\n"
        }
        out += "</svg>\n"
    }

    /// One chart as an `<svg>` element with its own namespace and viewBox (for inline use in HTML).
    package static func element(_ chart: ServiceChart) -> String {
        var out = ExportOutput()
        element(chart, to: &out)
        return (try? out.finish()) ?? ""
    }

    /// Streams ``element(_:)`` into `out`.
    package static func element(_ chart: ServiceChart, to out: inout ExportOutput) {
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(n(width))\" height=\"\(n(height))\" "
        out += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" role=\"img\">\n"
        out += "<title>\(title(chart).xmlEscaped)</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        body(chart, to: &out)
        out += "</svg>\n"
    }

    static func title(_ chart: ServiceChart) -> String {
        let place = chart.region.isGlobal ? "whole service" : "region \(chart.region.code)"
        return "\(chart.service.name) (\(place)): user reports per \(chart.bucket.label)"
    }

    static func emptyNotice(_ report: ExportReport) -> String {
        """
        <text x="24" y="32" font-size="16" font-weight="bold" fill="#111827">\("Outcry: \(report.range.text)".xmlEscaped)</text>
        <text x="\(n(width - 24))" y="32" font-size="12" text-anchor="end" fill="#9a3412">Unofficial — based on user reports</text>
        <text x="24" y="80" font-size="14" fill="#374151">No incidents in this range for the selected services.</text>

        """
    }

    /// The chart's drawing, in a `width` × `height` box at the origin.
    static func body(_ chart: ServiceChart, to out: inout ExportOutput) {
        let geometry = ChartGeometry(chart: chart)
        out +=
            "<text x=\"\(n(plotLeft))\" y=\"24\" font-size=\"16\" font-weight=\"bold\" fill=\"#111827\">\(title(chart).xmlEscaped)</text>\n"
        out +=
            "<text x=\"\(n(plotLeft))\" y=\"43\" font-size=\"12\" fill=\"#4b5563\">\(ExportText.span(chart.from, chart.to).xmlEscaped)</text>\n"
        out +=
            "<text x=\"\(n(plotRight))\" y=\"24\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#9a3412\">Unofficial — based on user reports</text>\n"
        out +=
            "<text x=\"\(n(plotRight))\" y=\"43\" font-size=\"11\" text-anchor=\"end\" fill=\"#6b7280\">not confirmed by \(chart.service.name.xmlEscaped)</text>\n"
        incidentShading(chart, geometry, to: &out)
        valueAxis(geometry, to: &out)
        timeAxis(chart, geometry, to: &out)
        if chart.hasBaseline { baseline(chart, geometry, to: &out) }
        reports(chart, geometry, to: &out)
        out += markers(chart, geometry)
        out += officialMarkers(chart, geometry)
        out +=
            "<rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(plotRight - plotLeft))\" height=\"\(n(plotBottom - plotTop))\" fill=\"none\" stroke=\"#9ca3af\" stroke-width=\"1\"/>\n"
        out += legend(chart)
    }

    /// Incidents shaded from onset to recovery (lighter for other regions), labelled on uncrowded charts.
    static func incidentShading(_ chart: ServiceChart, _ geometry: ChartGeometry, to out: inout ExportOutput) {
        let labelled = chart.incidents.count <= labelledIncidentLimit
        // Sorting positions, not incidents, saves copying them.
        let order = chart.incidents.indices.sorted { chart.incidents[$0].startedAt < chart.incidents[$1].startedAt }
        for position in order {
            let incident = chart.incidents[position]
            let start = geometry.x(max(incident.startedAt, chart.from))
            let end = geometry.x(min(incident.endedAt ?? chart.asOf, chart.to))
            let left = min(start, end)
            let widthValue = max(2, abs(end - start))
            let isOwn = incident.region == chart.region
            out += "<rect x=\""
            out.write(decimal: left, places: 1)
            out += "\" y=\"\(plotTopText)\" width=\""
            out.write(decimal: widthValue, places: 1)
            out += "\" height=\"\(plotHeightText)\" fill=\"#dc2626\" fill-opacity=\""
            out += isOwn ? "0.22\"/>\n" : "0.12\"/>\n"
            if labelled, widthValue >= 24 {
                // The series' own incidents are labelled top left, other regions' top right, so overlapping
                // spans keep both labels apart.
                let text = isOwn ? "incident" : "\(incident.region.code) only"
                let x = isOwn ? left + 3 : left + widthValue - 3
                out +=
                    "<text x=\"\(n(x))\" y=\"\(n(plotTop + 12))\" font-size=\"10\" text-anchor=\"\(isOwn ? "start" : "end")\" fill=\"#991b1b\">\(text.xmlEscaped)</text>\n"
            }
        }
    }

    /// Horizontal grid lines with their report counts, and the axis title.
    static func valueAxis(_ geometry: ChartGeometry, to out: inout ExportOutput) {
        var value = 0.0
        while value <= geometry.top + geometry.step / 2 {
            let y = geometry.y(value)
            out += "<line x1=\"\(plotLeftText)\" y1=\""
            out.write(decimal: y, places: 1)
            out += "\" x2=\"\(plotRightText)\" y2=\""
            out.write(decimal: y, places: 1)
            out += "\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>\n<text x=\"\(valueLabelXText)\" y=\""
            out.write(decimal: y + 4, places: 1)
            out += "\" font-size=\"11\" text-anchor=\"end\" fill=\"#4b5563\">"
            out.write(decimal: value, places: 1)
            out += "</text>\n"
            value += geometry.step
        }
        let middle = (plotTop + plotBottom) / 2
        out +=
            "<text x=\"16\" y=\"\(n(middle))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#4b5563\" transform=\"rotate(-90 16 \(n(middle)))\">reports per \(geometry.bucketLabel.xmlEscaped)</text>\n"
    }

    /// Ticks and UTC labels along the time axis.
    static func timeAxis(_ chart: ServiceChart, _ geometry: ChartGeometry, to out: inout ExportOutput) {
        for tick in ChartAxis.timeTicks(from: chart.from, to: chart.to) {
            let x = n(geometry.x(tick.time))
            out +=
                "<line x1=\"\(x)\" y1=\"\(plotBottomText)\" x2=\"\(x)\" y2=\"\(n(plotBottom + 5))\" stroke=\"#6b7280\" stroke-width=\"1\"/>\n"
            out +=
                "<text x=\"\(x)\" y=\"\(n(plotBottom + 18))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#374151\">\(tick.label.xmlEscaped)</text>\n"
            if let second = tick.secondLine {
                out +=
                    "<text x=\"\(x)\" y=\"\(n(plotBottom + 32))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">\(second.xmlEscaped)</text>\n"
            }
        }
        out +=
            "<text x=\"\(plotRightText)\" y=\"\(n(plotBottom + 46))\" font-size=\"11\" text-anchor=\"end\" fill=\"#6b7280\">time (UTC)</text>\n"
    }

    /// Fixed coordinates as written (``n(_:)``), computed once.
    static let plotTopText = n(plotTop)
    static let plotBottomText = n(plotBottom)
    static let plotLeftText = n(plotLeft)
    static let plotRightText = n(plotRight)
    static let plotHeightText = n(plotBottom - plotTop)
    static let valueLabelXText = n(plotLeft - 6)

    /// The usual band (a polygon along the bucket edges) and the expected level (a dashed step line).
    static func baseline(_ chart: ServiceChart, _ geometry: ChartGeometry, to out: inout ExportOutput) {
        // Upper edge left to right, then the lower edge right to left.
        var isFirst = true
        out += "<polygon points=\""
        for point in chart.points where point.baseline != nil {
            guard let band = point.baseline else { continue }
            let left = geometry.x(point.start)
            let right = geometry.x(point.start.adding(seconds: chart.bucket.seconds))
            if !isFirst { out.write(byte: UInt8(ascii: " ")) }
            isFirst = false
            let y = geometry.y(band.high)
            pointText(left, y, &out)
            out.write(byte: UInt8(ascii: " "))
            pointText(right, y, &out)
        }
        out.write(byte: UInt8(ascii: " "))
        isFirst = true
        for point in chart.points.reversed() where point.baseline != nil {
            guard let band = point.baseline else { continue }
            let left = geometry.x(point.start)
            let right = geometry.x(point.start.adding(seconds: chart.bucket.seconds))
            if !isFirst { out.write(byte: UInt8(ascii: " ")) }
            isFirst = false
            let y = geometry.y(band.low)
            pointText(right, y, &out)
            out.write(byte: UInt8(ascii: " "))
            pointText(left, y, &out)
        }
        out += "\" fill=\"#16a34a\" fill-opacity=\"0.16\" stroke=\"none\"/>\n<path d=\""
        isFirst = true
        for (index, point) in chart.points.enumerated() {
            guard let band = point.baseline else { continue }
            let left = geometry.x(point.start)
            let right = geometry.x(point.start.adding(seconds: chart.bucket.seconds))
            let y = geometry.y(band.expected)
            if !isFirst { out.write(byte: UInt8(ascii: " ")) }
            out.write(byte: isFirst || chart.points[index - 1].baseline == nil ? UInt8(ascii: "M") : UInt8(ascii: "L"))
            isFirst = false
            pointText(left, y, &out)
            out += " L"
            pointText(right, y, &out)
        }
        out += "\" fill=\"none\" stroke=\"#15803d\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
    }

    /// The reports per bucket as a filled step area.
    static func reports(_ chart: ServiceChart, _ geometry: ChartGeometry, to out: inout ExportOutput) {
        out += "<path d=\"M"
        pointText(geometry.x(chart.from), geometry.y(0), &out)
        for point in chart.points {
            let y = geometry.y(Double(point.reports))
            out += " L"
            pointText(geometry.x(point.start), y, &out)
            out += " L"
            pointText(geometry.x(point.start.adding(seconds: chart.bucket.seconds)), y, &out)
        }
        out += " L"
        pointText(geometry.x(chart.to), geometry.y(0), &out)
        out +=
            " Z\" fill=\"#2563eb\" fill-opacity=\"0.30\" stroke=\"#1d4ed8\" stroke-width=\"1.2\" stroke-linejoin=\"round\"/>\n"
    }

    /// `x,y` with at most one decimal each.
    static func pointText(_ x: Double, _ y: Double, _ out: inout ExportOutput) {
        out.write(decimal: x, places: 1)
        out.write(byte: UInt8(ascii: ","))
        out.write(decimal: y, places: 1)
    }

    static func markers(_ chart: ServiceChart, _ geometry: ChartGeometry) -> String {
        // Detection and peak belong to the charted series: a regional incident's peak is not on the service's bars.
        let own = chart.incidents.indices.filter { chart.incidents[$0].region == chart.region }
        guard own.count <= markedIncidentLimit else { return "" }
        let labelled = own.count <= labelledIncidentLimit
        var out = ""
        let range = chart.from...chart.to
        for position in own {
            let incident = chart.incidents[position]
            if range.contains(incident.detectedAt) {
                let x = geometry.x(incident.detectedAt)
                out +=
                    "<line x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"#b91c1c\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>\n"
                out +=
                    "<path d=\"M\(n(x - 5)),\(n(plotTop - 8)) L\(n(x + 5)),\(n(plotTop - 8)) L\(n(x)),\(n(plotTop)) Z\" fill=\"#b91c1c\"/>\n"
                if labelled {
                    out +=
                        "<text x=\"\(n(x + 4))\" y=\"\(n(plotBottom - 6))\" font-size=\"10\" fill=\"#991b1b\"\(halo)>detected \(incident.detectedAt.hourMinute)</text>\n"
                }
            }
            if range.contains(incident.peakAt), let point = lastPoint(of: chart, atOrBefore: incident.peakAt) {
                let x = geometry.x(point.start.adding(seconds: chart.bucket.seconds / 2))
                let y = geometry.y(Double(point.reports))
                out +=
                    "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\" fill=\"#ffffff\" stroke=\"#b91c1c\" stroke-width=\"2\"/>\n"
                if labelled {
                    let anchor = x > (plotLeft + plotRight) / 2 ? "end" : "start"
                    let dx = anchor == "end" ? -8.0 : 8.0
                    // Above the bars when the peak leaves room, else just below the marker.
                    let labelY = y - 10 >= plotTop + 28 ? plotTop + 28 : y + 20
                    out +=
                        "<text x=\"\(n(x + dx))\" y=\"\(n(labelY))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"\(anchor)\" fill=\"#991b1b\"\(halo)>peak \(incident.peakAt.hourMinute): \(incident.peakReports) reports/15 min (\(ExportText.times(incident.ratio).xmlEscaped))</text>\n"
                }
            }
        }
        return out
    }

    /// The last point starting at or before `time`, by binary search (points are in time order).
    static func lastPoint(of chart: ServiceChart, atOrBefore time: Timestamp) -> ServiceChart.Point? {
        var low = 0
        var high = chart.points.count
        while low < high {
            let middle = (low + high) / 2
            if chart.points[middle].start <= time { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? chart.points[low - 1] : nil
    }

    /// When the service's official status page acknowledged the charted incidents, inside the range: each
    /// instant once, oldest first; empty when there are more than ``markedIncidentLimit``.
    static func acknowledgements(_ chart: ServiceChart) -> [Timestamp] {
        let range = chart.from...chart.to
        let times = Set(
            chart.incidents.compactMap { incident -> Timestamp? in
                guard let official = incident.official, official.isAcknowledged, let at = official.acknowledgedAt,
                    range.contains(at)
                else { return nil }
                return at
            }
        )
        return times.count <= markedIncidentLimit ? times.sorted() : []
    }

    /// A vertical marker where the official status page acknowledged the problem (labelled on uncrowded charts).
    static func officialMarkers(_ chart: ServiceChart, _ geometry: ChartGeometry) -> String {
        let times = acknowledgements(chart)
        let labelled = times.count <= labelledIncidentLimit
        var out = ""
        for time in times {
            let x = geometry.x(time)
            out +=
                "<line x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"\(officialColour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n"
            out +=
                "<rect x=\"\(n(x - 4))\" y=\"\(n(plotTop - 8))\" width=\"8\" height=\"8\" fill=\"\(officialColour)\"/>\n"
            if labelled {
                out +=
                    "<text x=\"\(n(x + 4))\" y=\"\(n(plotBottom - 20))\" font-size=\"10\" fill=\"#5b21b6\"\(halo)>status page acknowledged \(time.hourMinute)</text>\n"
            }
        }
        return out
    }

    /// The colour of the official status page's markers.
    package static let officialColour = "#7c3aed"

    static func legend(_ chart: ServiceChart) -> String {
        let y = height - 30
        var items: [(swatch: String, text: String)] = [
            (
                "<rect width=\"14\" height=\"10\" fill=\"#2563eb\" fill-opacity=\"0.30\" stroke=\"#1d4ed8\"/>",
                "reports per \(chart.bucket.label)"
            )
        ]
        if chart.hasBaseline {
            items.append(
                (
                    "<rect width=\"14\" height=\"10\" fill=\"#16a34a\" fill-opacity=\"0.16\"/><line x1=\"0\" y1=\"5\" x2=\"14\" y2=\"5\" stroke=\"#15803d\" stroke-dasharray=\"4 2\"/>",
                    "usual level and range (baseline)"
                )
            )
        } else {
            items.append(("", "baseline unavailable (no detector state): band omitted"))
        }
        let hasOtherRegions = chart.incidents.contains { $0.region != chart.region }
        items.append(
            (
                "<rect width=\"14\" height=\"10\" fill=\"#dc2626\" fill-opacity=\"0.22\"/>",
                hasOtherRegions ? "incident, onset to recovery (lighter: one region)" : "incident, onset to recovery"
            )
        )
        items.append(
            (
                "<line x1=\"7\" y1=\"0\" x2=\"7\" y2=\"10\" stroke=\"#b91c1c\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
                "detected"
            ))
        items.append(
            ("<circle cx=\"7\" cy=\"5\" r=\"4\" fill=\"#ffffff\" stroke=\"#b91c1c\" stroke-width=\"2\"/>", "peak"))
        var out = "<g font-size=\"11\" fill=\"#374151\">\n"
        var x = plotLeft
        func write(_ item: (swatch: String, text: String), y: Double) {
            if !item.swatch.isEmpty {
                out += "<g transform=\"translate(\(n(x)) \(n(y - 9)))\">\(item.swatch)</g>\n"
                x += 19
            }
            out += "<text x=\"\(n(x))\" y=\"\(n(y))\">\(item.text.xmlEscaped)</text>\n"
            x += Double(item.text.count) * 6.2 + 18
        }
        for item in items { write(item, y: y) }
        if !acknowledgements(chart).isEmpty {
            let official = (
                swatch:
                    "<line x1=\"7\" y1=\"0\" x2=\"7\" y2=\"10\" stroke=\"\(officialColour)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
                text: "status page acknowledged (official)"
            )
            // On the same row when it fits, else on a row of its own above.
            let fits = x + 19 + Double(official.text.count) * 6.2 <= plotRight
            if !fits { x = plotLeft }
            write(official, y: fits ? y : y - 16)
        }
        out += "</g>\n"
        out +=
            "<text x=\"\(n(plotLeft))\" y=\"\(n(height - 10))\" font-size=\"10\" fill=\"#6b7280\">Unofficial indicators inferred from user problem reports; only the service can confirm an outage. Times in UTC.</text>\n"
        return out
    }

    /// A white outline behind marker labels, so they stay legible over the bars.
    static let halo = " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String { ExportText.decimal(value, places: 1) }
}

/// Maps times and report counts to chart coordinates.
struct ChartGeometry {
    var from: Timestamp
    var to: Timestamp
    var step: Double
    var top: Double
    var bucketLabel: String

    init(chart: ServiceChart) {
        from = chart.from
        to = chart.to
        bucketLabel = chart.bucket.label
        let highest = chart.points.reduce(0.0) { max($0, Double($1.reports), $1.baseline?.high ?? 0) }
        (step, top) = ChartAxis.valueTicks(maximum: highest * 1.08)
    }

    func x(_ time: Timestamp) -> Double {
        let span = Double(max(1, to.seconds - from.seconds))
        let fraction = min(1, max(0, Double(time.seconds - from.seconds) / span))
        return SVGChartRenderer.plotLeft + fraction * (SVGChartRenderer.plotRight - SVGChartRenderer.plotLeft)
    }

    func y(_ value: Double) -> Double {
        let fraction = min(1, max(0, value / top))
        return SVGChartRenderer.plotBottom - fraction * (SVGChartRenderer.plotBottom - SVGChartRenderer.plotTop)
    }
}
