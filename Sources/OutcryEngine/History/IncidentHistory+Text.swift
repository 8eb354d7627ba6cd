package import OutcryModel

extension IncidentHistory {
    /// `2nd incident for WhatsApp in 2024; previous: 5 Mar 2024, 3 h 10 min`; nil when the incident is not in
    /// the history.
    package func line(for incident: Incident) -> String? {
        guard let position = position(of: incident) else { return nil }
        var text = "\(ExportText.ordinal(position.ordinalInYear)) incident for \(service.name) in \(position.year)"
        if let previous = position.previous {
            let length = ExportText.duration(seconds: previous.durationSeconds(asOf: asOf))
            text +=
                "; previous: \(ExportText.date(previous.startedAt)), \(length)\(previous.isOpen ? " (ongoing)" : "")"
        } else {
            text += "; no earlier incident recorded"
        }
        return text
    }

    /// The headline statistics as label–value pairs (shared by the terminal, Markdown and HTML).
    package var statistics: [(label: String, value: String)] {
        guard !episodes.isEmpty else { return [("Incidents", "none recorded")] }
        var rows: [(label: String, value: String)] = [
            ("Incidents", "\(count)"),
            ("Total duration", ExportText.duration(seconds: totalSeconds)),
            ("Median duration", ExportText.duration(seconds: medianSeconds ?? 0)),
        ]
        if let longest {
            let ongoing = longest.isOpen ? ", ongoing" : ""
            rows.append(
                (
                    "Longest",
                    "\(ExportText.duration(seconds: longest.durationSeconds(asOf: asOf))) from \(ExportText.dateTime(longest.startedAt))\(ongoing)"
                )
            )
        }
        rows.append(
            (
                "Mean time between incidents",
                meanSecondsBetween.map { ExportText.duration(seconds: $0) } ?? "n/a (fewer than two)"
            ))
        if let record = officialRecord {
            let total = record.acknowledged + record.neverAcknowledged
            rows.append(("Officially acknowledged", "\(record.acknowledged) of \(total)"))
            rows.append(("Never acknowledged", "\(record.neverAcknowledged) of \(total)"))
            rows.append(
                (
                    "Median lead over the status page",
                    record.medianLeadMinutes.map(Self.leadText) ?? "n/a (none acknowledged)"
                )
            )
        }
        return rows
    }

    /// `27 min ahead`, `1 h 5 min ahead`, or `12 min behind` when the status page spoke first.
    static func leadText(_ minutes: Int) -> String {
        let length = ExportText.duration(seconds: Int64(abs(minutes)) * 60)
        return minutes >= 0 ? "\(length) ahead" : "\(length) behind"
    }

    /// Headers of the per-year table: year, incidents, the twelve months, total and median duration.
    package static let yearTableHeaders =
        ["Year", "Incidents"] + ExportText.monthNames + ["Total", "Median"]

    /// One row per year, oldest first (see ``yearTableHeaders``).
    package var yearTableRows: [[String]] {
        years.map { year in
            ["\(year.year)", "\(year.count)"] + year.monthCounts.map { String($0) }
                + [ExportText.duration(seconds: year.totalSeconds), ExportText.duration(seconds: year.medianSeconds)]
        }
    }
}

/// Renders `outcry history` for the terminal.
package enum IncidentHistoryTextRenderer {
    /// The history of one service: statistics, then incidents per year and month.
    package static func render(_ history: IncidentHistory, year: Int64? = nil) -> String {
        let name = history.service.name
        let scope = year.map { " in \($0)" } ?? ""
        var lines = [
            "\(name) (\(history.service.slug)) — incident history\(scope)",
            "Unofficial: incidents are inferred from user reports; they are not confirmed by \(name).",
            "",
        ]
        let labelWidth = history.statistics.map(\.label.count).max() ?? 0
        for row in history.statistics {
            lines.append(row.label + ":" + String(repeating: " ", count: labelWidth - row.label.count + 1) + row.value)
        }
        let rows = history.yearTableRows
        if !rows.isEmpty {
            lines.append("")
            let table = [IncidentHistory.yearTableHeaders.map { $0.uppercased() }] + rows
            let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max() ?? 0 }
            for row in table {
                let cells = row.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 || column >= 14 ? cell + pad : pad + cell
                }
                lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
