/// A parsed JSON value, for reading the store's own incident bodies quickly.
///
/// Foundation's JSONDecoder costs about 25 µs per stored incident on Linux; exports read tens of thousands of
/// them. This small recursive-descent parser covers the JSON the store writes (and any valid JSON); anything
/// it does not understand makes it return nil, and the caller falls back to JSONDecoder.
enum JSONNode {
    case object([(key: String, value: JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Parses a whole document; nil if it is not valid JSON.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONNode? {
        var parser = Parser(bytes: bytes)
        guard let value = parser.value() else { return nil }
        parser.skipWhitespace()
        return parser.position == bytes.count ? value : nil
    }

    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var array: [JSONNode]? { if case .array(let items) = self { items } else { nil } }
    var isNull: Bool { if case .null = self { true } else { false } }

    /// An integer-valued number.
    var int: Int? {
        guard let number, number.rounded() == number, abs(number) < 9e15 else { return nil }
        return Int(number)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value() -> JSONNode? {
            skipWhitespace()
            guard position < bytes.count, depth < 64 else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ node: JSONNode) -> JSONNode? {
            let expected = Array(word.utf8)
            guard position + expected.count <= bytes.count else { return nil }
            for (offset, byte) in expected.enumerated() where bytes[position + offset] != byte { return nil }
            position += expected.count
            return node
        }

        mutating func object() -> JSONNode? {
            position += 1
            depth += 1
            defer { depth -= 1 }
            var members: [(key: String, value: JSONNode)] = []
            // An incident has 21 keys: growing from empty would reallocate six times.
            members.reserveCapacity(depth == 1 ? 24 : 12)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let member = value() else { return nil }
                members.append((key, member))
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                } else {
                    return nil
                }
            }
        }

        mutating func array() -> JSONNode? {
            position += 1
            depth += 1
            defer { depth -= 1 }
            var items: [JSONNode] = []
            items.reserveCapacity(4)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                } else {
                    return nil
                }
            }
        }

        /// A string without escapes is copied directly; one with escapes is decoded here (nil for `\u` forms,
        /// which the store never writes: the caller then falls back to JSONDecoder).
        mutating func string() -> String? {
            position += 1
            let start = position
            var hasEscape = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    return hasEscape ? Self.unescape(raw) : Self.text(raw)
                }
                if byte == UInt8(ascii: "\\") {
                    hasEscape = true
                    position += 1
                }
                if byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        /// Validated UTF-8 text; ASCII (almost every stored string) skips the general validator.
        static func text(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            var isASCII = true
            for byte in raw where byte >= 0x80 {
                isASCII = false
                break
            }
            return isASCII ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
        }

        static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var index = 0
            while index < raw.count {
                let byte = raw[index]
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < raw.count else { return nil }
                switch raw[index + 1] {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                default: return nil
                }
                index += 2
            }
            return out.withUnsafeBufferPointer { text($0) }
        }

        /// `-?[0-9]{1,15}` read exactly without going through text (most stored numbers are counts); nil for
        /// anything else, and for `-0`, which only `Double(_:)` reads as negative zero.
        static func integer(_ digits: UnsafeBufferPointer<UInt8>) -> Double? {
            let isNegative = digits.first == UInt8(ascii: "-")
            let body = isNegative ? UnsafeBufferPointer(rebasing: digits[1...]) : digits
            guard !body.isEmpty, body.count <= 15 else { return nil }
            var value: Int64 = 0
            for byte in body {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            if isNegative, value == 0 { return nil }
            return Double(isNegative ? -value : value)
        }

        mutating func number() -> JSONNode? {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                let isNumberByte =
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E")
                guard isNumberByte else { break }
                position += 1
            }
            guard position > start else { return nil }
            if let integer = Self.integer(UnsafeBufferPointer(rebasing: bytes[start..<position])) {
                return .number(integer)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            return Double(text).map { .number($0) }
        }
    }
}
