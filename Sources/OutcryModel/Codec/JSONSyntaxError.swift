/// A place where JSON text breaks the grammar, and what was expected there.
struct JSONSyntaxError: Error {
    /// What went wrong, e.g. `expected ',' or '}'`; the location is appended when rendered.
    var message: String
    /// The 0-based byte offset of the problem.
    var offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `is not valid JSON: expected ',' or '}' at column 47`, with `(end of line)` when the text stopped short.
    func reason(in bytes: UnsafeBufferPointer<UInt8>, multiline: Bool) -> String {
        let location = ByteLocation.describe(offset: offset, in: bytes, multiline: multiline)
        let ending = offset >= bytes.count ? " (end of \(multiline ? "body" : "line"))" : ""
        return "is not valid JSON: \(message) at \(location)\(ending)"
    }
}
