/// Writing JSON string literals by hand, for renderers, API responses and JSON Lines that do not go through
/// JSONEncoder: the project's one JSON string escaper (RFC 8259; `JSONTextTests` reads every escaped string
/// back with the model's JSON reader).
///
/// Escapes exactly as Foundation's JSONEncoder does with `.withoutEscapingSlashes`: `\"`, `\\`, `\b`, `\f`,
/// `\n`, `\r`, `\t`, other control characters as lower-case `\u00xx`, everything else (DEL, U+2028, emoji) as is.
/// Only ASCII bytes are ever escaped, so the work is done on UTF-8 bytes.
package enum JSONText {
    /// Appends `text` as a JSON string literal, quotes included.
    package static func append(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        append(text, toBytes: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, quotes included, to UTF-8 `bytes`.
    package static func append(_ text: String, toBytes bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(text, toBytes: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped for the inside of a JSON string literal, without the quotes.
    package static func appendEscaped(_ text: String, toBytes bytes: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { escape($0, into: &bytes) }
        if copied == nil { escape(Array(text.utf8), into: &bytes) }
    }

    private static func escape(_ source: some Collection<UInt8>, into bytes: inout [UInt8]) {
        // Fast path: most strings need no escaping.
        guard source.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            bytes.append(contentsOf: source)
            return
        }
        for byte in source {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
    }

    /// `text` as a JSON string literal, quotes included.
    package static func string(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
