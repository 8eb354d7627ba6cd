/// Splits SQL text holding several statements into single statements (the driver sends one at a time):
/// on `;` outside quotes, `$$`/`$tag$` bodies and `--` comments.
enum PostgresScript {
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current: [Character] = []
        let characters = Array(sql)
        var index = 0
        var dollarTag: [Character]?
        var inString = false
        while index < characters.count {
            let character = characters[index]
            if let tag = dollarTag {
                if character == "$", Array(characters[index..<min(characters.count, index + tag.count)]) == tag {
                    current.append(contentsOf: tag)
                    index += tag.count
                    dollarTag = nil
                    continue
                }
            } else if inString {
                if character == "'" { inString = false }
            } else if character == "'" {
                inString = true
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            } else if character == "$", let end = characters[(index + 1)...].firstIndex(of: "$"),
                characters[(index + 1)..<end].allSatisfy({ $0.isLetter || $0 == "_" })
            {
                let tag = Array(characters[index...end])
                current.append(contentsOf: tag)
                index = end + 1
                dollarTag = tag
                continue
            } else if character == ";" {
                statements.append(String(current))
                current = []
                index += 1
                continue
            }
            current.append(character)
            index += 1
        }
        statements.append(String(current))
        return statements.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
