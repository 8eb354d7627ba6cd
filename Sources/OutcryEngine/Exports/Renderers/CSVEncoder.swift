import OutcryModel

/// A minimal RFC 4180 writer: fields with a comma, quote, CR or LF are quoted (quotes doubled), records end
/// with CRLF.
///
/// Text fields starting with `=`, `+`, `-`, `@`, a tab or a CR are written with a single quote (`'`) in
/// front, so a spreadsheet shows them as text instead of running them as a formula: status-page titles and
/// URLs are remote text (formula injection). Times and numbers (which may start with `-`) are not text
/// fields and are written as they are. Escaping works on UTF-8 bytes, so a combining mark after a `"` cannot
/// hide it from the quote doubling (as it did when this worked on `Character`s).
package enum CSVEncoder {
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
    package static func escape(_ field: String) -> String {
        let utf8 = field.utf8
        let isFormula = utf8.first.map(startsFormula) ?? false
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes || isFormula else { return field }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 4)
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if isFormula { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a text field starting with `byte` would be read as a formula by a spreadsheet.
    package static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: true
        default: false
        }
    }
}
