extension ReportJSONDecoder {
    /// Decodes an HTTP request body holding one report object or an array of them.
    ///
    /// - Throws: the first fault; its index is nil for a single-object body or a fault of the body as a whole.
    package static func decodeBody(_ bytes: UnsafeBufferPointer<UInt8>, maximumCount: Int)
        throws(ReportBodyDecodingError) -> [ReportInput]
    {
        let body = try readBody(bytes, maximumCount: maximumCount)
        if let (index, error) = body.errors.first {
            throw .invalid(index: body.isArray ? index : nil, error)
        }
        return body.inputs.map(\.input)
    }

    /// Decodes an HTTP request body, collecting each report's fault instead of stopping at the first.
    ///
    /// Indexes are positions in the body's array (0 for a single-object body). Reports whose value has the wrong
    /// type or is not an object land in `errors`; the rest is returned in order.
    /// - Throws: when the body as a whole cannot be read: not UTF-8, not JSON, neither an object nor an array,
    ///   or more than `maximumCount` reports.
    package static func decodeBodyPartially(_ bytes: UnsafeBufferPointer<UInt8>, maximumCount: Int)
        throws(ReportBodyDecodingError)
        -> (inputs: [(index: Int, input: ReportInput)], errors: [(index: Int, error: ReportValidationError)])
    {
        let body = try readBody(bytes, maximumCount: maximumCount)
        return (body.inputs, body.errors)
    }

    /// Decodes an HTTP request body from an array of bytes, like the buffer overload.
    package static func decodeBody(_ bytes: [UInt8], maximumCount: Int) throws(ReportBodyDecodingError)
        -> [ReportInput]
    {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ReportBodyDecodingError) in try decodeBody(buffer, maximumCount: maximumCount) }
        }
        return try result.get()
    }

    /// Decodes an HTTP request body from an array of bytes, collecting faults like the buffer overload.
    package static func decodeBodyPartially(_ bytes: [UInt8], maximumCount: Int) throws(ReportBodyDecodingError)
        -> (inputs: [(index: Int, input: ReportInput)], errors: [(index: Int, error: ReportValidationError)])
    {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ReportBodyDecodingError) in try decodeBodyPartially(buffer, maximumCount: maximumCount) }
        }
        return try result.get()
    }

    /// The reports of a body, in order, with the faults of the ones that could not be decoded.
    private struct Body {
        var isArray = false
        var inputs: [(index: Int, input: ReportInput)] = []
        var errors: [(index: Int, error: ReportValidationError)] = []

        mutating func add(_ result: Result<ReportInput, ReportValidationError>, at index: Int) {
            switch result {
            case .success(let input): inputs.append((index, input))
            case .failure(let error): errors.append((index, error))
            }
        }
    }

    private static func readBody(_ bytes: UnsafeBufferPointer<UInt8>, maximumCount: Int)
        throws(ReportBodyDecodingError) -> Body
    {
        if let problem = UTF8Validation.problem(in: bytes, multiline: true) {
            throw .invalid(index: nil, ReportValidationError(field: "body", reason: problem))
        }
        var reader = JSONReader(bytes: bytes)
        var body = Body()
        // The array element being read, so a grammar error can name it.
        var currentIndex: Int?
        do {
            reader.skipByteOrderMark()
            reader.skipWhitespace()
            guard let first = reader.current else {
                throw ReportBodyDecodingError.invalid(
                    index: nil, ReportValidationError(field: "body", reason: Self.expectedBody("is empty")))
            }
            switch first {
            case UInt8(ascii: "{"):
                body.add(try readReport(&reader, syntaxField: "body"), at: 0)
            case UInt8(ascii: "["):
                body.isArray = true
                try readArray(&reader, maximumCount: maximumCount, into: &body, currentIndex: &currentIndex)
            default:
                try reader.skipValue()
                let kind = JSONReader.jsonKindOfValue(startingWith: first)
                throw ReportBodyDecodingError.invalid(
                    index: nil, ReportValidationError(field: "body", reason: Self.expectedBody("is \(kind)")))
            }
            currentIndex = nil
            reader.skipWhitespace()
            guard reader.isAtEnd else {
                throw JSONSyntaxError("expected the end of the body after the value", at: reader.position)
            }
        } catch let error as JSONSyntaxError {
            let reason = error.reason(in: bytes, multiline: true)
            throw .invalid(index: currentIndex, ReportValidationError(field: "body", reason: reason))
        } catch let error as ReportBodyDecodingError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return body
    }

    /// Reads `[ report, … ]` at the cursor.
    private static func readArray(
        _ reader: inout JSONReader, maximumCount: Int, into body: inout Body, currentIndex: inout Int?
    ) throws(any Error) {
        reader.position += 1
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "]") {
            reader.position += 1
            return
        }
        var index = 0
        while true {
            guard index < maximumCount else { throw ReportBodyDecodingError.tooManyReports(maximum: maximumCount) }
            currentIndex = index
            reader.skipWhitespace()
            if reader.current == UInt8(ascii: "{") {
                body.add(try readReport(&reader, syntaxField: "body"), at: index)
            } else {
                let start = reader.position
                try reader.skipValue()
                let kind = JSONReader.jsonKindOfValue(startingWith: reader.bytes[start])
                let error = ReportValidationError(field: "report", reason: "is \(kind), not an object")
                body.errors.append((index, error))
            }
            reader.skipWhitespace()
            guard let separator = reader.current else {
                throw JSONSyntaxError("expected ',' or ']'", at: reader.position)
            }
            reader.position += 1
            if separator == UInt8(ascii: "]") { return }
            guard separator == UInt8(ascii: ",") else {
                throw JSONSyntaxError("expected ',' or ']'", at: reader.position - 1)
            }
            index += 1
        }
    }

    private static func expectedBody(_ problem: String) -> String {
        "\(problem); expected a report object such as {\"service\":\"whatsapp\",\"region\":\"US\"} "
            + "or an array of them"
    }
}
