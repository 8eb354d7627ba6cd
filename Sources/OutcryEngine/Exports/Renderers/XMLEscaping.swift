extension String {
    /// The text escaped for XML/XHTML character data and attribute values (`&`, `<`, `>`, `"`, `'`), with
    /// control characters XML 1.0 forbids dropped.
    package var xmlEscaped: String {
        // Fast path: most texts need no escaping.
        let special: (UInt8) -> Bool = {
            $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0xEF
        }
        let needsEscaping =
            utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes where special(byte) { return true }
                return false
            } ?? utf8.contains(where: special)
        if !needsEscaping { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
