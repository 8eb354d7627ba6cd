package import OutcryModel

/// Reads stored incident and group-event bodies with the documents' field tables (``WireDocument``), on the
/// model's one JSON reader: what the store writes through the same tables comes back equal, and anything else
/// gets an error naming the field and the position.
package enum StoredBody {
    /// Decodes a stored incident body.
    package static func incident(_ bytes: [UInt8]) throws(WireDecodingError) -> Incident {
        try Incident(json: bytes)
    }

    /// Decodes a stored group-event body.
    package static func groupEvent(_ bytes: [UInt8]) throws(WireDecodingError) -> GroupEvent {
        try GroupEvent(json: bytes)
    }
}
