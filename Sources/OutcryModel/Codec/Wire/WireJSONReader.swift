/// Reads JSON text into a ``WireValue`` tree following a ``WireSchema``, on ``JSONReader``: the grammar is
/// checked strictly, unknown members are skipped without recursion, and the descent is only as deep as the
/// schema (three levels for an incident), so hostile input gets an error with its position, never a crash.
enum WireJSONReader {
    /// A document's members, read by `schema`; the text must be valid UTF-8 holding one object.
    static func read(_ schema: WireSchema, from bytes: UnsafeBufferPointer<UInt8>) throws(WireDecodingError)
        -> WireValue
    {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw WireDecodingError(
                document: schema.name, reason: "is not valid UTF-8 (byte \(offset + 1) of \(bytes.count))")
        }
        var reader = JSONReader(bytes: bytes)
        var path: [String] = []
        do {
            return try readDocument(schema, &reader, path: &path)
        } catch {
            var location = WireValueError("")
            location.path = path
            throw WireDecodingError(
                document: schema.name, field: location.field, reason: error.reason(in: bytes, multiline: true))
        }
    }

    private static func readDocument(_ schema: WireSchema, _ reader: inout JSONReader, path: inout [String])
        throws(JSONSyntaxError) -> WireValue
    {
        reader.skipByteOrderMark()
        reader.skipWhitespace()
        guard let first = reader.current, first == UInt8(ascii: "{") else {
            let start = reader.position
            // Text that is no JSON at all gets the grammar's message, valid JSON of another type its type.
            try reader.skipValue()
            let kind = JSONReader.jsonKindOfValue(startingWith: reader.bytes[start])
            throw .wrongValue("must be a JSON object, not \(kind)", at: start)
        }
        let value = try readObject(schema, &reader, path: &path)
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw JSONSyntaxError("expected the end of the text", at: reader.position) }
        if let offset = reader.loneSurrogateOffset {
            throw JSONSyntaxError("the \\u escape is a lone surrogate (half of a pair)", at: offset)
        }
        return value
    }

    private static func readObject(_ schema: WireSchema, _ reader: inout JSONReader, path: inout [String])
        throws(JSONSyntaxError) -> WireValue
    {
        try reader.expect(UInt8(ascii: "{"), "'{'")
        var members: [WireMember] = []
        members.reserveCapacity(schema.fields.count)
        // Keys usually come in the schema's order (every writer sorts them): the next field is tried first.
        var next = 0
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "}") {
            reader.position += 1
            return .object(members)
        }
        while true {
            reader.skipWhitespace()
            guard reader.current == UInt8(ascii: "\"") else {
                throw JSONSyntaxError("expected a key (a string in double quotes)", at: reader.position)
            }
            let key = try reader.scanString()
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: ":"), "':'")
            reader.skipWhitespace()
            if let index = fieldIndex(named: key, in: schema, from: next, reader) {
                let field = schema.fields[index]
                next = index + 1
                path.append(field.name)
                members.append(WireMember(field.name, try readValue(field.type, &reader, path: &path)))
                path.removeLast()
            } else {
                try reader.skipValue()
            }
            reader.skipWhitespace()
            if reader.current == UInt8(ascii: ",") {
                reader.position += 1
            } else {
                try reader.expect(UInt8(ascii: "}"), "',' or '}'")
                return .object(members)
            }
        }
    }

    /// The index of the schema's field named by `key` (compared as bytes, decoded only when escaped), trying
    /// `expected` first; nil if none.
    private static func fieldIndex(
        named key: JSONReader.StringToken, in schema: WireSchema, from expected: Int, _ reader: JSONReader
    ) -> Int? {
        if key.hasEscapes {
            let name = Array(reader.string(key).utf8)
            return schema.utf8Names.firstIndex(of: name)
        }
        let raw = reader.rawBytes(key)
        @inline(__always) func matches(_ index: Int) -> Bool {
            let name = schema.utf8Names[index]
            return name.count == raw.count && name.withUnsafeBufferPointer { $0.elementsEqual(raw) }
        }
        if expected < schema.utf8Names.count, matches(expected) { return expected }
        return schema.utf8Names.indices.first(where: matches)
    }

    /// A value of `type` (or `null`) at the cursor.
    private static func readValue(_ type: WireType, _ reader: inout JSONReader, path: inout [String])
        throws(JSONSyntaxError) -> WireValue
    {
        guard let byte = reader.current else { throw JSONSyntaxError("expected a value", at: reader.position) }
        let start = reader.position
        if byte == UInt8(ascii: "n") {
            try reader.scanLiteral("null")
            return .null
        }
        let isNumber = JSONReader.kindOfValue(startingWith: byte) == "a number"
        switch type {
        case .string, .choice:
            guard byte == UInt8(ascii: "\"") else { throw wrongType("a string", byte, at: start) }
            return .string(reader.string(try reader.scanString()))
        case .time:
            if byte == UInt8(ascii: "\"") {
                let text = reader.string(try reader.scanString())
                guard let time = Timestamp(iso8601: text) else {
                    throw .wrongValue("is \(quoted(text)), not an ISO 8601 time", at: start)
                }
                return .time(time)
            }
            guard isNumber else { throw wrongType("an ISO 8601 time", byte, at: start) }
            let seconds = try integer(&reader)
            guard epochSeconds.contains(seconds) else {
                throw .wrongValue("\(seconds) is out of range for a time in seconds since 1970", at: start)
            }
            return .time(Timestamp(seconds: Int64(seconds)))
        case .integer:
            guard isNumber else { throw wrongType("an integer", byte, at: start) }
            return .int(try integer(&reader))
        case .number:
            guard isNumber else { throw wrongType("a number", byte, at: start) }
            let value = number(reader, try reader.scanNumber())
            guard value.isFinite else { throw .wrongValue("is out of range for a number", at: start) }
            return .number(value)
        case .boolean:
            switch byte {
            case UInt8(ascii: "t"):
                try reader.scanLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try reader.scanLiteral("false")
                return .bool(false)
            default: throw wrongType("a boolean", byte, at: start)
            }
        case .array(let element):
            guard byte == UInt8(ascii: "[") else { throw wrongType("an array", byte, at: start) }
            return try readArray(element, &reader, path: &path)
        case .object(let schema):
            guard byte == UInt8(ascii: "{") else { throw wrongType("an object", byte, at: start) }
            return try readObject(schema, &reader, path: &path)
        }
    }

    private static func readArray(_ element: WireType, _ reader: inout JSONReader, path: inout [String])
        throws(JSONSyntaxError) -> WireValue
    {
        reader.position += 1
        var values: [WireValue] = []
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "]") {
            reader.position += 1
            return .array(values)
        }
        while true {
            reader.skipWhitespace()
            path.append("[\(values.count)]")
            values.append(try readValue(element, &reader, path: &path))
            path.removeLast()
            reader.skipWhitespace()
            if reader.current == UInt8(ascii: ",") {
                reader.position += 1
            } else {
                try reader.expect(UInt8(ascii: "]"), "',' or ']'")
                return .array(values)
            }
        }
    }

    /// Years 1 to 9999, as ISO 8601 text can say them.
    private static let epochSeconds = -62_135_596_800...253_402_300_799

    private static func wrongType(_ expected: String, _ byte: UInt8, at offset: Int) -> JSONSyntaxError {
        .wrongValue("must be \(expected), not \(JSONReader.kindOfValue(startingWith: byte) ?? "a value")", at: offset)
    }

    /// A number that must be a whole number within `Int`'s range: `12`, `-3`, `1e3`, `12.0`.
    private static func integer(_ reader: inout JSONReader) throws(JSONSyntaxError) -> Int {
        let start = reader.position
        let range = try reader.scanNumber()
        let bytes = reader.bytes
        var isPlain = true
        for index in range where bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") {
            isPlain = false
            break
        }
        if isPlain {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            guard let value = Int(text) else {
                throw .wrongValue("\(quoted(text)) is out of range for an integer", at: start)
            }
            return value
        }
        let value = reader.doubleValue(range)
        // 2^53: beyond it not every whole number is representable, so the text may not mean this value.
        guard value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else {
            throw .wrongValue("must be a whole number, not \(value)", at: start)
        }
        return Int(value)
    }

    /// A number's value; `-0` stays negative zero (the integer fast path would make it `0`).
    private static func number(_ reader: JSONReader, _ range: Range<Int>) -> Double {
        let value = reader.doubleValue(range)
        return value == 0 && reader.bytes[range.lowerBound] == UInt8(ascii: "-") ? -0.0 : value
    }
}
