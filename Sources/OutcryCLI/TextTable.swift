/// A plain-text table with aligned columns, for terminal output.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func format(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        return ([format(headers)] + rows.map(format)).joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

extension Console {
    /// What every `list` command prints: `items` as a table under `headers`, one row each, or `emptyHint` (how to
    /// make the first one) when there are none.
    func table<Item>(
        _ items: [Item], headers: [String], rightAligned: Set<Int> = [], emptyHint: String,
        row: (Item) throws -> [String]
    ) rethrows {
        guard !items.isEmpty else {
            line(emptyHint)
            return
        }
        var table = TextTable(headers: headers, rightAligned: rightAligned)
        for item in items { table.add(try row(item)) }
        write(table.render())
    }
}
