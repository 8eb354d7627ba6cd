/// A minimal RFC 4180 writer: fields with a comma, quote, CR or LF are quoted (quotes doubled), records end
/// with CRLF.
///
/// Fields starting with `=`, `+`, `-` or `@` are written as they are: the values we export are ours (ids,
/// slugs, numbers, sentences starting with `Unofficial:`), so there is no formula injection to defuse.
struct CSVEncoder {
    private(set) var text = ""

    /// Appends one record.
    mutating func append(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { text += "," }
            first = false
            text += Self.escape(field)
        }
        text += "\r\n"
    }

    /// The field as written in a record.
    static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 2)
        for character in self {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result
    }
}
