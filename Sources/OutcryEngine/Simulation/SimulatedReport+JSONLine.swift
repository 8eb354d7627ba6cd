import OutcryModel

extension SimulatedReport {
    /// Appends the report as one JSON Lines record, newline included:
    /// `{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"dev-1a2b"}`.
    ///
    /// `reporter` is left out for anonymous reports. Strings are escaped per RFC 8259 (quote, backslash and
    /// control characters); other UTF-8 passes through. Hand-written, because it runs millions of times.
    package func jsonLine(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: Self.serviceKey)
        Self.appendEscaped(service.rawValue, to: &buffer)
        buffer.append(contentsOf: Self.regionKey)
        Self.appendEscaped(region.code, to: &buffer)
        buffer.append(contentsOf: Self.problemKey)
        Self.appendEscaped(problem.rawValue, to: &buffer)
        buffer.append(contentsOf: Self.atKey)
        at.appendISO8601(to: &buffer)
        if let reporter {
            buffer.append(contentsOf: Self.reporterKey)
            Self.appendEscaped(reporter, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
    }

    /// The report as one JSON Lines record, without the newline.
    package var jsonLine: String {
        var bytes: [UInt8] = []
        jsonLine(into: &bytes)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let serviceKey = Array(#"{"service":""#.utf8)
    private static let regionKey = Array(#"","region":""#.utf8)
    private static let problemKey = Array(#"","problem":""#.utf8)
    private static let atKey = Array(#"","at":""#.utf8)
    private static let reporterKey = Array(#"","reporter":""#.utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text`'s UTF-8 with JSON escapes (without the surrounding quotes).
    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                buffer.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    buffer.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    ])
                    buffer.append(hexDigits[Int(byte >> 4)])
                    buffer.append(hexDigits[Int(byte & 0xF)])
                default: buffer.append(byte)
                }
            }
        }
    }
}
