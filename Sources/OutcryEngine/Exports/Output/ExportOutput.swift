package import OutcryModel

/// The bytes of an export as the renderers write them, in order: kept in a buffer of about `chunkSize` bytes
/// and handed to an ``ExportSink`` whenever it fills, or collected whole when there is no sink.
///
/// Renderers take it `inout` and only append, so an export of any size needs one chunk of memory for its text.
/// A sink's failure is kept (later writes are dropped) and thrown by ``finish()``, so rendering code need not
/// throw. Numbers and times are written straight into the buffer, without intermediate strings.
package struct ExportOutput {
    private var buffer: [UInt8] = []
    private let sink: (any ExportSink)?
    private let chunkSize: Int
    private var failure: (any Error)?

    /// An output that hands its bytes to `sink` in chunks of about `chunkSize` bytes; without a sink it keeps
    /// everything, for ``finish()`` to return.
    package init(sink: (any ExportSink)? = nil, chunkSize: Int = 1 << 16) {
        self.sink = sink
        self.chunkSize = max(1, chunkSize)
        buffer.reserveCapacity(sink == nil ? 4096 : self.chunkSize + 4096)
    }

    /// Appends `text`.
    @inline(__always)
    package mutating func write(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: text.utf8)
        }
        flushIfFull()
    }

    /// Appends `text`.
    @inline(__always)
    package static func += (output: inout ExportOutput, text: String) { output.write(text) }

    /// Appends one byte (an ASCII character).
    @inline(__always)
    package mutating func write(byte: UInt8) {
        buffer.append(byte)
        flushIfFull()
    }

    /// Appends `value` in decimal.
    package mutating func write(_ value: Int) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
        }
        appendDigits(value.magnitude, minimumWidth: 1)
        flushIfFull()
    }

    /// Appends `time` as ISO 8601 UTC (`2024-03-05T15:12:03Z`, as ``Timestamp/iso8601``).
    package mutating func write(iso8601 time: Timestamp) {
        time.appendISO8601(to: &buffer)
        flushIfFull()
    }

    /// Appends `value` rounded to `places` decimals without trailing zeros, exactly as
    /// ``ExportText/decimal(_:places:)`` writes it (`12.5`, `3`, `-0.76`), without an intermediate string.
    package mutating func write(decimal value: Double, places: Int = 2) {
        guard value.isFinite else {
            write(byte: UInt8(ascii: "0"))
            return
        }
        var scale: Int64 = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        if value < 0, scaled != 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(scaled / scale), minimumWidth: 1)
        var fraction = scaled % scale
        if fraction != 0 {
            var digits = places
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            buffer.append(UInt8(ascii: "."))
            appendDigits(UInt64(fraction), minimumWidth: digits)
        }
        flushIfFull()
    }

    /// Appends `text` as a JSON string literal (``JSONText``), quotes included.
    package mutating func writeJSONString(_ text: String) {
        JSONText.append(text, toBytes: &buffer)
        flushIfFull()
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumWidth`.
    private mutating func appendDigits<T: UnsignedInteger>(_ value: T, minimumWidth: Int) {
        var rest = UInt64(value)
        var count = 1
        var divisor: UInt64 = 1
        while rest / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        for _ in count..<max(count, minimumWidth) { buffer.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    @inline(__always)
    private mutating func flushIfFull() {
        if sink != nil, buffer.count >= chunkSize { flush() }
    }

    /// Hands the buffered bytes to the sink.
    private mutating func flush() {
        guard let sink, !buffer.isEmpty else { return }
        if failure == nil {
            do { try buffer.withUnsafeBufferPointer { try sink.write($0) } } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands the rest to the sink and returns what was kept: everything without a sink, else an empty string.
    ///
    /// - Throws: the first error the sink threw.
    package mutating func finish() throws -> String {
        flush()
        if let failure { throw failure }
        let text = String(decoding: buffer, as: UTF8.self)
        buffer = []
        return text
    }
}
