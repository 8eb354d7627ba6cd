/// A model type whose JSON form is a wire document: its ``WireTable`` defines that form, and its Codable
/// conformance, the export writer and the stored-body reader all follow the table.
package protocol WireDocument: Codable, Sendable {
    /// The document's field table.
    static var wire: WireTable<Self> { get }
}

extension WireDocument {
    /// Encodes the table's members (sorted by name, optional ones without a value left out).
    package func encode(to encoder: any Encoder) throws { try Self.wire.value(self).encode(to: encoder) }

    /// Decodes the table's members; errors name the field as ``WireValueError`` does.
    package init(from decoder: any Decoder) throws {
        let value = try WireValue(decoding: .object(Self.wire.schema), from: decoder)
        do {
            self = try Self.wire.make(value)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    /// Reads the JSON text of one document with ``WireJSONReader`` (the store's bodies, notification payloads).
    package init(json bytes: [UInt8]) throws(WireDecodingError) {
        let wire = Self.wire
        let value = try bytes.withUnsafeBufferPointer { buffer throws(WireDecodingError) in
            try WireJSONReader.read(wire.schema, from: buffer)
        }
        do {
            self = try wire.make(value)
        } catch {
            throw WireDecodingError(document: wire.name, field: error.field, reason: error.message)
        }
    }
}
