/// A forward-only JSON tokenizer over one buffer of bytes already checked to be valid UTF-8.
///
/// It checks the grammar of RFC 8259 strictly and never recurses, so deep nesting in ignored values cannot
/// exhaust the stack. Values are decoded only on request, so skipped values cost a scan and nothing else.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// The offset of the first `\u` escape in a string that is a lone surrogate, if any was read.
    var loneSurrogateOffset: Int?

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The bytes of a string's content between its quotes, still escaped when `hasEscapes`.
    struct StringToken {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    /// The byte at the cursor, or nil at the end.
    @inline(__always)
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    var isAtEnd: Bool { position >= bytes.count }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the cursor.
    mutating func skipByteOrderMark() {
        if position + 3 <= bytes.count, bytes[position] == 0xEF, bytes[position + 1] == 0xBB,
            bytes[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Consumes `byte` or throws `expected <description>`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ description: String) throws(JSONSyntaxError) {
        guard position < bytes.count, bytes[position] == byte else {
            throw JSONSyntaxError("expected \(description)", at: position)
        }
        position += 1
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at the cursor, checking its escapes; leaves the cursor after it.
    mutating func scanString() throws(JSONSyntaxError) -> StringToken {
        let open = position
        var index = position + 1
        var hasEscapes = false
        let count = bytes.count
        while true {
            guard index < count else { throw JSONSyntaxError("unterminated string starting", at: open) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try scanEscape(at: &index, stringStart: open)
            } else if byte < 0x20 {
                throw JSONSyntaxError(
                    "control character \(UTF8Validation.hexByte(byte)) must be escaped inside a string", at: index)
            } else {
                index += 1
            }
        }
        position = index + 1
        return StringToken(start: open + 1, end: index, hasEscapes: hasEscapes)
    }

    /// Checks the escape sequence at `index` (a backslash) and moves `index` past it.
    private mutating func scanEscape(at index: inout Int, stringStart: Int) throws(JSONSyntaxError) {
        guard index + 1 < bytes.count else { throw JSONSyntaxError("unterminated string starting", at: stringStart) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: index + 2) else {
                throw JSONSyntaxError("invalid \\u escape (expected four hexadecimal digits)", at: index)
            }
            let escapeStart = index
            index += 6
            if (0xD800...0xDBFF).contains(unit) {
                if lowSurrogate(at: index) != nil {
                    index += 6
                } else if loneSurrogateOffset == nil {
                    loneSurrogateOffset = escapeStart
                }
            } else if (0xDC00...0xDFFF).contains(unit), loneSurrogateOffset == nil {
                loneSurrogateOffset = escapeStart
            }
        default:
            let byte = bytes[index + 1]
            let shown = byte >= 0x21 && byte < 0x7F ? "'\\\(Character(Unicode.Scalar(byte)))'" : "'\\'"
            throw JSONSyntaxError("invalid escape \(shown)", at: index)
        }
    }

    /// The low surrogate of a `\uDC00`…`\uDFFF` escape at `index`, or nil.
    @inline(__always)
    private func lowSurrogate(at index: Int) -> UInt32? {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
            let unit = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(unit)
        else { return nil }
        return unit
    }

    /// Four hexadecimal digits at `index`, or nil.
    @inline(__always)
    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The raw bytes of a token (still escaped).
    @inline(__always)
    func rawBytes(_ token: StringToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// The decoded bytes of a string token; a lone surrogate becomes U+FFFD (it is reported separately).
    func decodedBytes(_ token: StringToken) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(token.end - token.start)
        var index = token.start
        while index < token.end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var value = hexQuad(at: index) ?? 0xFFFD
                index += 4
                if (0xD800...0xDBFF).contains(value) {
                    if let low = lowSurrogate(at: index) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        value = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(value) {
                    value = 0xFFFD
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                UTF8.encode(scalar) { output.append($0) }
            default: output.append(escaped)  // '"', '\\' and '/' stand for themselves
            }
        }
        return output
    }

    /// The decoded text of a string token.
    @inline(__always)
    func string(_ token: StringToken) -> String {
        if !token.hasEscapes { return String(decoding: rawBytes(token), as: UTF8.self) }
        return String(decoding: decodedBytes(token), as: UTF8.self)
    }

    // MARK: Numbers and literals

    /// Reads a number at the cursor and returns its byte range.
    mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = position
        var index = position
        let count = bytes.count
        @inline(__always) func isDigit(_ index: Int) -> Bool {
            index < count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw JSONSyntaxError("expected a digit", at: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw JSONSyntaxError("expected a digit after '.'", at: index) }
            while isDigit(index) { index += 1 }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw JSONSyntaxError("expected a digit in the exponent", at: index) }
            while isDigit(index) { index += 1 }
        }
        position = index
        return start..<index
    }

    /// The value of a number read by ``scanNumber()``.
    func doubleValue(_ range: Range<Int>) -> Double {
        var index = range.lowerBound
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        // Integers of up to 15 digits are exact in a Double: convert them without a string.
        if range.upperBound - index <= 15 {
            var value: Int64 = 0
            var isInteger = true
            for position in index..<range.upperBound {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else {
                    isInteger = false
                    break
                }
                value = value * 10 + Int64(digit)
            }
            if isInteger { return Double(isNegative ? -value : value) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// Reads `true`, `false` or `null` at the cursor.
    mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        var matches = position + length <= bytes.count
        if matches {
            for offset in 0..<length where bytes[position + offset] != word.utf8Start[offset] {
                matches = false
                break
            }
        }
        guard matches else { throw JSONSyntaxError("expected '\(word)'", at: position) }
        position += length
    }

    // MARK: Skipping

    /// What kind of value starts with `byte`, for messages such as `must be a string, not a number`.
    static func kindOfValue(startingWith byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): "a number"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: nil
        }
    }

    /// The same as ``kindOfValue(startingWith:)`` with the word JSON: `a JSON array`, `null`.
    static func jsonKindOfValue(startingWith byte: UInt8) -> String {
        switch kindOfValue(startingWith: byte) {
        case "null": "null"
        case "an array": "a JSON array"
        case "an object": "a JSON object"
        case let kind?: "a JSON " + kind.dropFirst(2)
        case nil: "not JSON"
        }
    }

    /// Skips one value of any type at the cursor (after whitespace), checking its grammar, without recursion.
    mutating func skipValue() throws(JSONSyntaxError) {
        // One entry per open container: true for an object, false for an array.
        var openContainers: [Bool] = []
        while true {
            // A value is expected at the cursor.
            skipWhitespace()
            guard let byte = current else { throw JSONSyntaxError("expected a value", at: position) }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try scanString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try scanNumber()
            case UInt8(ascii: "t"): try scanLiteral("true")
            case UInt8(ascii: "f"): try scanLiteral("false")
            case UInt8(ascii: "n"): try scanLiteral("null")
            case UInt8(ascii: "{"):
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    position += 1
                } else {
                    openContainers.append(true)
                    try scanKeyAndColon()
                    continue
                }
            case UInt8(ascii: "["):
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    position += 1
                } else {
                    openContainers.append(false)
                    continue
                }
            default:
                throw JSONSyntaxError("expected a value", at: position)
            }
            // A value has ended: close containers until one continues with a comma.
            while let isObject = openContainers.last {
                skipWhitespace()
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if current == UInt8(ascii: ",") {
                    position += 1
                    if isObject { try scanKeyAndColon() }
                    break
                } else if current == closer {
                    position += 1
                    openContainers.removeLast()
                } else {
                    throw JSONSyntaxError(isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: position)
                }
            }
            if openContainers.isEmpty { return }
        }
    }

    /// Reads `"key" :` inside an object whose members are being skipped.
    private mutating func scanKeyAndColon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else {
            throw JSONSyntaxError("expected a key (a string in double quotes)", at: position)
        }
        _ = try scanString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':'")
    }
}
