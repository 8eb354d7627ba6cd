import OutcryModel

extension SimulatedReport {
    /// Appends the report as one JSON Lines record, newline included:
    /// `{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"dev-1a2b"}`.
    ///
    /// `reporter` is left out for anonymous reports. Strings are escaped by ``JSONText`` (RFC 8259); other UTF-8
    /// passes through. Hand-written, because it runs millions of times.
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

    /// Appends `text`'s UTF-8 with JSON escapes (without the surrounding quotes), by the one escaper.
    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        JSONText.appendEscaped(text, toBytes: &buffer)
    }
}
