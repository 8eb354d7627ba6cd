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
        Self.appendISO8601(at, to: &buffer)
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

    /// Appends `2024-03-05T15:12:03Z` without building a `String`.
    private static func appendISO8601(_ timestamp: Timestamp, to buffer: inout [UInt8]) {
        let civil = CivilTime(timestamp)
        guard (0...9999).contains(civil.year) else {
            buffer.append(contentsOf: timestamp.iso8601.utf8)
            return
        }
        appendDigits(civil.year, count: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(civil.month, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(civil.day, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        appendDigits(civil.hour, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(civil.minute, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(civil.second, count: 2, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    @inline(__always)
    private static func appendDigits(_ value: Int64, count: Int, to buffer: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
