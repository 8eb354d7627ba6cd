/// The JSON type of a wire field, as the OpenAPI document states it.
package indirect enum WireType: Sendable {
    case string
    /// A string from a fixed set (an OpenAPI `enum`).
    case choice([String])
    case integer
    case number
    case boolean
    /// ISO 8601 text; readers also take whole seconds since 1970, as older stored bodies hold.
    case time
    case array(WireType)
    /// An object described by its own table (an OpenAPI `$ref` to the schema of that name).
    case object(WireSchema)

    /// The OpenAPI `type`: `string`, `integer`, `number`, `boolean`, `array` or `object`.
    package var openAPIType: String {
        switch self {
        case .string, .choice, .time: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Whether a field is always in the document and whether it may be `null`.
package enum WirePresence: Sendable, Equatable {
    /// Always written, never `null`; a reader rejects a document without it (OpenAPI `required`).
    case required
    /// Always written, `null` when there is no value; a reader takes it missing as `null` (older bodies)
    /// (OpenAPI `required` and `nullable`).
    case nullable
    /// Written only when it has a value; missing or `null` leaves the model's default (not `required`).
    case optional
}

/// A wire document's shape without its model type: what readers follow and the OpenAPI test compares.
package struct WireSchema: Sendable {
    /// One field's name, type and presence.
    package struct Field: Sendable {
        package var name: String
        package var type: WireType
        package var presence: WirePresence
    }

    /// The OpenAPI schema's name (`Incident`, `IncidentEvidence`).
    package let name: String
    /// In the byte order of their names.
    package let fields: [Field]
    /// Each field's name as UTF-8, for matching keys without decoding them.
    let utf8Names: [[UInt8]]

    package init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
        utf8Names = fields.map { Array($0.name.utf8) }
    }
}
