/// Decodes reports from CSV lines, given the file's header line.
///
/// The header names the columns `service,region,problem,at,reporter[,comment]` in any order and any case;
/// other columns are ignored, `service` and `region` are required. Quoting follows RFC 4180 within one line
/// (see ``CSVFieldReader``). An empty field is absent. Field values are not validated here:
/// ``ReportValidator`` does that.
package struct ReportCSVDecoder: Sendable {
    /// The report field of each column, nil for an ignored column.
    private let columns: [ReportField?]

    /// The number of fields every line must have.
    package var fieldCount: Int { columns.count }

    /// Reads the header line.
    ///
    /// - Throws: `field: "header"` when it is not UTF-8, names a field twice, or lacks `service` or `region`.
    package init(headerLine: UnsafeBufferPointer<UInt8>) throws(ReportValidationError) {
        if let problem = UTF8Validation.problem(in: headerLine) {
            throw ReportValidationError(field: "header", reason: problem)
        }
        var line = headerLine
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line[3...])  // a byte order mark, as spreadsheets write
        }
        var reader = CSVFieldReader(line: line)
        guard reader.end > 0 else {
            throw ReportValidationError(field: "header", reason: "is empty; expected \(ReportField.csvHeaderHint)")
        }
        var columns: [ReportField?] = []
        var seen: UInt8 = 0
        while let field = try Self.relabel(reader.next()) {
            let name = reader.text(of: field).trimmingASCIIWhitespace()
            let column = Array(name.utf8).withUnsafeBufferPointer { ReportField(name: $0, ignoringCase: true) }
            if let column {
                guard seen & column.bit == 0 else {
                    throw ReportValidationError(field: "header", reason: "names the column \"\(column.name)\" twice")
                }
                seen |= column.bit
            }
            columns.append(column)
        }
        for required in [ReportField.service, .region] where seen & required.bit == 0 {
            throw ReportValidationError(
                field: "header",
                reason: "has no \"\(required.name)\" column; expected \(ReportField.csvHeaderHint)"
            )
        }
        self.columns = columns
    }

    /// Reads the header line from bytes.
    package init(headerLine: [UInt8]) throws(ReportValidationError) {
        let result = headerLine.withUnsafeBufferPointer { buffer in
            Result { () throws(ReportValidationError) in try ReportCSVDecoder(headerLine: buffer) }
        }
        self = try result.get()
    }

    /// Reads the header line from text.
    package init(headerLine: String) throws(ReportValidationError) {
        try self.init(headerLine: Array(headerLine.utf8))
    }

    /// Decodes one data line; a trailing `\r` is ignored.
    ///
    /// - Throws: `field: "line"` when it is not UTF-8, has an unterminated quote, or has a different number of
    ///   fields than the header.
    package func decode(_ line: UnsafeBufferPointer<UInt8>) throws(ReportValidationError) -> ReportInput {
        if let problem = UTF8Validation.problem(in: line) {
            throw ReportValidationError(field: "line", reason: problem)
        }
        var reader = CSVFieldReader(line: line)
        guard reader.end > 0 else {
            throw ReportValidationError(
                field: "line", reason: "is empty; expected \(columns.count) comma-separated fields")
        }
        var input = ReportInput()
        var count = 0
        while let field = try reader.next() {
            if count < columns.count, let column = columns[count], field.end > field.start {
                input.set(column, text: reader.text(of: field))
            }
            count += 1
        }
        guard count == columns.count else {
            throw ReportValidationError(
                field: "line",
                reason: "has \(count) \(count == 1 ? "field" : "fields") but the header has \(columns.count)"
            )
        }
        return input
    }

    /// Decodes one data line from bytes.
    package func decode(_ line: [UInt8]) throws(ReportValidationError) -> ReportInput {
        let result = line.withUnsafeBufferPointer { buffer in
            Result { () throws(ReportValidationError) in try decode(buffer) }
        }
        return try result.get()
    }

    /// Decodes one data line from text.
    package func decode(_ line: String) throws(ReportValidationError) -> ReportInput {
        try decode(Array(line.utf8))
    }

    /// Reports a header's quoting problem against the header rather than a data line.
    private static func relabel(_ field: @autoclosure () throws(ReportValidationError) -> CSVFieldReader.Field?)
        throws(ReportValidationError) -> CSVFieldReader.Field?
    {
        do {
            return try field()
        } catch {
            throw ReportValidationError(field: "header", reason: error.reason)
        }
    }
}
