/// `outcry export --format markdown`: the incident report for people, as GitHub-flavoured Markdown.
package enum MarkdownReportRenderer {
    package static func render(_ report: ExportReport) -> String {
        var out: [String] = []
        for block in ReportOutline.blocks(report, includesCharts: false) {
            switch block {
            case .heading(let level, let text, _):
                out.append(String(repeating: "#", count: level) + " " + escape(text))
            case .paragraph(let text):
                out.append(escape(text))
            case .notice(let text):
                out.append("> **" + escape(text) + "**")
            case .table(let headers, let rows, let numeric):
                var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
                lines.append("|" + headers.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined())
                for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
                out.append(lines.joined(separator: "\n"))
            case .list(let items):
                out.append(items.map { "- " + escape($0) }.joined(separator: "\n"))
            case .facts(let facts):
                out.append(facts.map { "- **\(escape($0.label)):** \(escape($0.value))" }.joined(separator: "\n"))
            case .chart:
                continue
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), 10, 13:
            true
        default: false
        }
    }

    /// Escapes the characters Markdown would read as markup (`\ ` * _ [ ] < > |`).
    static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: isSpecial) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": result += "\\" + String(character)
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
