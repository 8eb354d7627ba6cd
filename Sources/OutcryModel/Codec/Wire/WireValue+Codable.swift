/// A member name as a coding key.
struct WireKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension WireValue: Encodable {
    /// Writes the value as JSONEncoder writes the model types: times as ISO 8601 text, `null` for `.null`.
    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .time(let value):
            try value.encode(to: encoder)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let members):
            var container = encoder.container(keyedBy: WireKey.self)
            for member in members { try container.encode(member.value, forKey: WireKey(member.name)) }
        }
    }

    /// Decodes a value of `type` (or `null`) through a Decoder, following the schema as the JSON reader does.
    init(decoding type: WireType, from decoder: any Decoder) throws {
        if case .object(let schema) = type {
            let container = try decoder.container(keyedBy: WireKey.self)
            var members: [WireMember] = []
            for field in schema.fields {
                let key = WireKey(field.name)
                guard container.contains(key) else { continue }
                let value =
                    try container.decodeNil(forKey: key)
                    ? WireValue.null : try WireValue(decoding: field.type, from: container.superDecoder(forKey: key))
                members.append(WireMember(field.name, value))
            }
            self = .object(members)
            return
        }
        if case .array(let element) = type {
            var container = try decoder.unkeyedContainer()
            var values: [WireValue] = []
            while !container.isAtEnd {
                if try container.decodeNil() {
                    values.append(.null)
                } else {
                    values.append(try WireValue(decoding: element, from: container.superDecoder()))
                }
            }
            self = .array(values)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
            return
        }
        switch type {
        case .string, .choice: self = .string(try container.decode(String.self))
        case .integer: self = .int(try container.decode(Int.self))
        case .number: self = .number(try container.decode(Double.self))
        case .boolean: self = .bool(try container.decode(Bool.self))
        case .time: self = .time(try container.decode(Timestamp.self))
        case .array, .object: throw DecodingError.dataCorruptedError(in: container, debugDescription: "unreachable")
        }
    }
}
