import OutcryModel

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

    /// Writes one record field by field, straight into the output (times and numbers never need quoting).
    struct Record: ~Copyable {
        private var isFirst = true

        init() {}

        private mutating func separate(_ out: inout ExportOutput) {
            if !isFirst { out.write(byte: UInt8(ascii: ",")) }
            isFirst = false
        }

        mutating func text(_ field: String, _ out: inout ExportOutput) {
            separate(&out)
            out += CSVEncoder.escape(field)
        }

        mutating func time(_ field: Timestamp?, _ out: inout ExportOutput) {
            separate(&out)
            if let field { out.write(iso8601: field) }
        }

        mutating func int(_ field: Int?, _ out: inout ExportOutput) {
            separate(&out)
            if let field { out.write(field) }
        }

        mutating func decimal(_ field: Double?, places: Int, _ out: inout ExportOutput) {
            separate(&out)
            if let field { out.write(decimal: field, places: places) }
        }

        /// Ends the record with CRLF.
        consuming func end(_ out: inout ExportOutput) { out += "\r\n" }
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
