/// Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values above U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that does not start a well-formed sequence (or starts a truncated one),
    /// or nil when all of `bytes` is valid UTF-8.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var index = ByteSearch.firstNonASCII(in: bytes, from: 0)
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index = ByteSearch.firstNonASCII(in: bytes, from: index + 1)
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                secondRange = 0x80...0x9F
            case 0xF0:
                length = 4
                secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondRange = 0x80...0x8F
            default: return index
            }
            guard index + length <= count, secondRange.contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// `is not valid UTF-8 (byte 0xC3 at column 17)`, or nil when `bytes` is valid.
    static func problem(in bytes: UnsafeBufferPointer<UInt8>, multiline: Bool = false) -> String? {
        guard let offset = firstInvalidOffset(in: bytes) else { return nil }
        let location = ByteLocation.describe(offset: offset, in: bytes, multiline: multiline)
        return "is not valid UTF-8 (byte \(hexByte(bytes[offset])) at \(location))"
    }

    /// `0xC3`.
    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0x0\(digits)" : "0x\(digits)"
    }
}

/// How an error names a byte position: `column 47` in a line, `line 3, column 5` in a multi-line text.
enum ByteLocation {
    /// Describes the 0-based `offset` as a 1-based column (bytes), with a line number when `multiline` is set
    /// and the offset is past the first line.
    static func describe(offset: Int, in bytes: UnsafeBufferPointer<UInt8>, multiline: Bool) -> String {
        guard multiline else { return "column \(offset + 1)" }
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while let newline = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index), newline < end {
            line += 1
            lineStart = newline + 1
            index = newline + 1
        }
        let column = offset - lineStart + 1
        return line == 1 ? "column \(column)" : "line \(line), column \(column)"
    }
}
