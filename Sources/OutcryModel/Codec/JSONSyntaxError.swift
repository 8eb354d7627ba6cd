/// A place where JSON text breaks the grammar, and what was expected there.
struct JSONSyntaxError: Error {
    /// What went wrong, e.g. `expected ',' or '}'`; the location is appended when rendered.
    var message: String
    /// The 0-based byte offset of the problem.
    var offset: Int
    /// False when the text is valid JSON but holds a value of the wrong type or out of range.
    var isGrammar = true

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// A value the document's schema does not allow there (`must be a string, not a number`).
    static func wrongValue(_ message: String, at offset: Int) -> JSONSyntaxError {
        var error = JSONSyntaxError(message, at: offset)
        error.isGrammar = false
        return error
    }

    /// `is not valid JSON: expected ',' or '}' at column 47`, with `(end of line)` when the text stopped short.
    func reason(in bytes: UnsafeBufferPointer<UInt8>, multiline: Bool) -> String {
        let location = ByteLocation.describe(offset: offset, in: bytes, multiline: multiline)
        let ending = offset >= bytes.count ? " (end of \(multiline ? "body" : "line"))" : ""
        guard isGrammar else { return "\(message) at \(location)" }
        return "is not valid JSON: \(message) at \(location)\(ending)"
    }
}
