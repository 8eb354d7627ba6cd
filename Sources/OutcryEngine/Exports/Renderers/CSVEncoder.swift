/// A minimal RFC 4180 writer: fields with a comma, quote, CR or LF are quoted (quotes doubled), records end
/// with CRLF.
///
/// Fields starting with `=`, `+`, `-` or `@` are written as they are: the values we export are ours (ids,
/// slugs, numbers, sentences starting with `Unofficial:`), so there is no formula injection to defuse.
enum CSVEncoder {
    /// Appends one record to `out`.
    static func append(_ fields: [String], to out: inout ExportOutput) {
        var first = true
        for field in fields {
            if !first { out += "," }
            first = false
            out += escape(field)
        }
        out += "\r\n"
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
