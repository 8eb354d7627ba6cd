/// Decodes reports from JSON: one flat object per JSON Lines line, or an HTTP body (see `ReportJSONDecoder+Body`).
///
/// Works on UTF-8 bytes without Foundation. Known keys are `service`, `region`, `problem`, `at`, `reporter` and
/// `comment`; other keys are skipped (their values may be of any type), `null` means absent, and `at` may be a
/// string or a number of epoch seconds. Field values are not validated here: ``ReportValidator`` does that.
package enum ReportJSONDecoder: Sendable {
    /// Decodes one JSON object, such as a JSON Lines line; whitespace around it is allowed.
    ///
    /// - Throws: `field: "line"` when the bytes are not valid UTF-8, not JSON, or not an object; the name of a
    ///   known field given twice or with a value of the wrong type.
    package static func decodeObject(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReportValidationError)
        -> ReportInput
    {
        if let problem = UTF8Validation.problem(in: bytes) {
            throw ReportValidationError(field: "line", reason: problem)
        }
        var reader = JSONReader(bytes: bytes)
        let result: Result<ReportInput, ReportValidationError>
        do {
            result = try readLine(&reader)
        } catch {
            throw ReportValidationError(field: "line", reason: error.reason(in: bytes, multiline: false))
        }
        return try result.get()
    }

    /// Reads a whole line holding one object; a line that is valid JSON but no object is a failure.
    private static func readLine(_ reader: inout JSONReader) throws(JSONSyntaxError)
        -> Result<ReportInput, ReportValidationError>
    {
        reader.skipByteOrderMark()
        reader.skipWhitespace()
        guard let first = reader.current else {
            return .failure(ReportValidationError(field: "line", reason: "is empty; expected a JSON object"))
        }
        let result: Result<ReportInput, ReportValidationError>
        if first == UInt8(ascii: "{") {
            result = try readReport(&reader, syntaxField: "line")
        } else {
            try reader.skipValue()
            let kind = JSONReader.jsonKindOfValue(startingWith: first)
            result = .failure(
                ReportValidationError(
                    field: "line",
                    reason: "is \(kind), not an object; "
                        + "expected one report such as {\"service\":\"whatsapp\",\"region\":\"US\"}"
                )
            )
        }
        reader.skipWhitespace()
        guard reader.isAtEnd else {
            throw JSONSyntaxError("expected the end of the line after the value", at: reader.position)
        }
        return result
    }

    /// Decodes one JSON object from an array of bytes, like the buffer overload.
    package static func decodeObject(_ bytes: [UInt8]) throws(ReportValidationError) -> ReportInput {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ReportValidationError) in try decodeObject(buffer) }
        }
        return try result.get()
    }

    /// Decodes one JSON object from text.
    package static func decodeObject(_ text: String) throws(ReportValidationError) -> ReportInput {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ReportValidationError) in try decodeObject(buffer) }
        }
        return try result.get()
    }

    /// Reads the report object at the cursor (a `{`).
    ///
    /// Grammar errors throw, and leave the reader where they were found; a problem with a known field's value
    /// (wrong type, given twice, a lone surrogate) is returned as a failure once the whole object has been read,
    /// so a caller reading an array can carry on with the next element.
    static func readReport(_ reader: inout JSONReader, syntaxField: String) throws(JSONSyntaxError)
        -> Result<ReportInput, ReportValidationError>
    {
        reader.position += 1
        reader.loneSurrogateOffset = nil
        var input = ReportInput()
        var seen: UInt8 = 0
        var fieldError: ReportValidationError?
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "}") {
            reader.position += 1
            return .success(input)
        }
        while true {
            guard reader.current == UInt8(ascii: "\"") else {
                throw JSONSyntaxError("expected a key (a string in double quotes)", at: reader.position)
            }
            let key = try reader.scanString()
            let field: ReportField?
            if key.hasEscapes {
                field = reader.decodedBytes(key).withUnsafeBufferPointer { ReportField(name: $0) }
            } else {
                field = ReportField(name: reader.rawBytes(key))
            }
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: ":"), "':'")
            reader.skipWhitespace()
            if let field {
                if seen & field.bit != 0, fieldError == nil {
                    fieldError = ReportValidationError(field: field.name, reason: "is given twice")
                }
                seen |= field.bit
                if let problem = try readValue(of: field, from: &reader, into: &input), fieldError == nil {
                    fieldError = problem
                }
            } else {
                try reader.skipValue()
            }
            reader.skipWhitespace()
            guard let separator = reader.current else {
                throw JSONSyntaxError("expected ',' or '}'", at: reader.position)
            }
            reader.position += 1
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else {
                throw JSONSyntaxError("expected ',' or '}'", at: reader.position - 1)
            }
            reader.skipWhitespace()
        }
        if let fieldError { return .failure(fieldError) }
        if let offset = reader.loneSurrogateOffset {
            // A body names the report by index instead: counting lines for each report would be quadratic.
            let location = syntaxField == "body" ? "" : " at column \(offset + 1)"
            return .failure(
                ReportValidationError(
                    field: syntaxField,
                    reason: "is not valid JSON: the \\u escape\(location) is a lone surrogate (half of a pair)"
                )
            )
        }
        return .success(input)
    }

    /// Reads the value of a known field at the cursor into `input`; returns the problem if it has the wrong type.
    @inline(__always)
    private static func readValue(of field: ReportField, from reader: inout JSONReader, into input: inout ReportInput)
        throws(JSONSyntaxError) -> ReportValidationError?
    {
        guard let byte = reader.current else { throw JSONSyntaxError("expected a value", at: reader.position) }
        switch byte {
        case UInt8(ascii: "\""):
            let token = try reader.scanString()
            input.set(field, text: reader.string(token))
            return nil
        case UInt8(ascii: "n"):
            try reader.scanLiteral("null")
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try reader.scanNumber()
            guard field == .at else { return wrongType(field, "a number") }
            input.at = .epochSeconds(reader.doubleValue(range))
            return nil
        default:
            try reader.skipValue()
            return wrongType(field, JSONReader.kindOfValue(startingWith: byte) ?? "a value")
        }
    }

    private static func wrongType(_ field: ReportField, _ kind: String) -> ReportValidationError {
        let allowed = field == .at ? "a string or a number" : "a string"
        return ReportValidationError(field: field.name, reason: "must be \(allowed), not \(kind)")
    }
}
