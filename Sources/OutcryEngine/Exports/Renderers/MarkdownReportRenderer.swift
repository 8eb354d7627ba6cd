import OutcryModel

/// `outcry export --format markdown`: the incident report for people, as GitHub-flavoured Markdown.
package enum MarkdownReportRenderer {
    package static func render(_ report: ExportReport) -> String {
        var out = ExportOutput()
        render(report, to: &out)
        return (try? out.finish()) ?? ""
    }

    /// Streams the report into `out`: blocks separated by a blank line, ending with a newline.
    package static func render(_ report: ExportReport, to out: inout ExportOutput) {
        var isFirst = true
        let services = report.servicesBySlug
        ReportOutline.forEachBlock(report, chartCount: 0) { block in
            if case .chart = block { return }
            if !isFirst { out += "\n\n" }
            isFirst = false
            write(block, services: services, to: &out)
        }
        out += "\n"
    }

    static func write(_ block: ReportBlock, services: [ServiceSlug: MonitoredService], to out: inout ExportOutput) {
        switch block {
        case .heading(let level, let text, _):
            out += String(repeating: "#", count: level)
            out += " "
            out += escape(text)
        case .paragraph(let text):
            out += escape(text)
        case .notice(let text):
            out += "> **"
            out += escape(text)
            out += "**"
        case .table(let headers, let rows, let numeric):
            writeTableHead(headers, numeric: numeric, to: &out)
            for row in rows {
                out += "\n"
                writeRow(row, to: &out)
            }
        case .incidentTable(let incidents):
            writeTableHead(ReportOutline.summaryHeaders, numeric: ReportOutline.summaryNumericColumns, to: &out)
            for index in incidents.indices {
                out += "\n"
                writeRow(ReportOutline.summaryRow(incidents[index], services: services), to: &out)
            }
        case .list(let items):
            for (index, item) in items.enumerated() {
                out += index == 0 ? "- " : "\n- "
                out += escape(item)
            }
        case .facts(let facts):
            for (index, fact) in facts.enumerated() {
                out += index == 0 ? "- **" : "\n- **"
                out += escape(fact.label)
                out += ":** "
                out += escape(fact.value)
            }
        case .chart:
            break
        }
    }

    /// The header row and the alignment row.
    static func writeTableHead(_ headers: [String], numeric: Set<Int>, to out: inout ExportOutput) {
        writeRow(headers, to: &out)
        out += "\n|"
        for index in headers.indices { out += numeric.contains(index) ? " ---: |" : " --- |" }
    }

    /// `| a | b |`.
    static func writeRow(_ cells: [String], to out: inout ExportOutput) {
        out += "|"
        for cell in cells {
            out += " "
            out += escape(cell)
            out += " |"
        }
    }

    static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), 10, 13:
            true
        default: false
        }
    }

    /// Escapes the characters Markdown would read as markup (`\ ` * _ [ ] < > |`) and turns line breaks into
    /// spaces. Works on UTF-8 bytes (every special is ASCII), so a combining mark after a `|` cannot hide it
    /// from the escaping (as it did when this worked on `Character`s); a CRLF becomes one space.
    package static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: isSpecial) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            switch byte {
            case 10 where previous == 13: continue
            case 10, 13: bytes.append(UInt8(ascii: " "))
            case _ where isSpecial(byte):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
