/// Why a JSON document could not be read as a wire document: what is wrong, where (byte offset, field path)
/// and what is allowed.
package struct WireDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema being read (`Incident`).
    package var document: String
    /// The field's path (`evidence.ratio`), empty for a problem with the document as a whole.
    package var field: String
    /// What is wrong, with the position when the text itself is at fault.
    package var reason: String

    package init(document: String, field: String = "", reason: String) {
        self.document = document
        self.field = field
        self.reason = reason
    }

    package var description: String {
        field.isEmpty ? "\(document) \(reason)" : "\(document) field `\(field)` \(reason)"
    }
}
