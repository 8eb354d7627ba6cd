/// Splits one CSV line into fields by RFC 4180: fields separated by commas, a field in double quotes may hold
/// commas, and `""` inside quotes stands for one quote. A quote inside an unquoted field is kept as it is.
///
/// A quoted field cannot span lines: the caller splits lines first, so an unterminated quote is an error.
struct CSVFieldReader {
    let line: UnsafeBufferPointer<UInt8>
    /// The end of the line, before a trailing `\r`.
    let end: Int
    private var position = 0
    private var isFinished = false

    /// One field's place in the line.
    struct Field {
        /// The content, between the quotes when quoted.
        var start: Int
        var end: Int
        /// Whether the content holds doubled quotes that must be undone.
        var hasDoubledQuotes: Bool
    }

    init(line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        self.end = end
    }

    /// The line without its trailing `\r`.
    private var content: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[..<end]) }

    /// The next field, or nil after the last one.
    mutating func next() throws(ReportValidationError) -> Field? {
        guard !isFinished else { return nil }
        let field: Field
        if position < end, line[position] == UInt8(ascii: "\"") {
            field = try readQuoted()
        } else {
            let start = position
            position = ByteSearch.firstIndex(of: UInt8(ascii: ","), in: content, from: start) ?? end
            field = Field(start: start, end: position, hasDoubledQuotes: false)
        }
        if position < end {
            position += 1  // the comma; a field follows even if the line ends here
        } else {
            isFinished = true
        }
        return field
    }

    private mutating func readQuoted() throws(ReportValidationError) -> Field {
        let open = position
        var index = position + 1
        var hasDoubledQuotes = false
        while true {
            guard let quote = ByteSearch.firstIndex(of: UInt8(ascii: "\""), in: content, from: index) else {
                throw ReportValidationError(
                    field: "line",
                    reason: "has a quoted field starting at column \(open + 1) that is not closed; "
                        + "a quoted field cannot span lines"
                )
            }
            if quote + 1 < end, line[quote + 1] == UInt8(ascii: "\"") {
                hasDoubledQuotes = true
                index = quote + 2
                continue
            }
            position = quote + 1
            guard position == end || line[position] == UInt8(ascii: ",") else {
                throw ReportValidationError(
                    field: "line",
                    reason: "has a character after the closing quote at column \(position + 1); "
                        + "double a quote inside a quoted field (\"\")"
                )
            }
            return Field(start: open + 1, end: quote, hasDoubledQuotes: hasDoubledQuotes)
        }
    }

    /// The text of a field, with doubled quotes undone.
    func text(of field: Field) -> String {
        let content = UnsafeBufferPointer(rebasing: line[field.start..<field.end])
        guard field.hasDoubledQuotes else { return String(decoding: content, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.count)
        var skipNextQuote = false
        for byte in content {
            if byte == UInt8(ascii: "\""), skipNextQuote {
                skipNextQuote = false
                continue
            }
            skipNextQuote = byte == UInt8(ascii: "\"")
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
