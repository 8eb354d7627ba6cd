import NIOCore

/// Rows in `COPY … FROM STDIN`'s text format: tab-separated columns, one row per line, `\N` for NULL, and a
/// backslash before every backslash, tab, newline and carriage return inside a value (so no report text can
/// end a column or a row early).
struct PostgresCopyText {
    private(set) var buffer: ByteBuffer
    private var columnsInRow = 0

    init(capacity: Int = 64 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Appends a text column (nil is NULL).
    mutating func add(_ text: String?) {
        separate()
        guard let text else {
            buffer.writeStaticString("\\N")
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Appends an integer column.
    mutating func add(_ value: Int64) {
        separate()
        // Digits written straight into the buffer: no String per number (this runs several times per report).
        var magnitude = value.magnitude
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.writeInteger(scratch[index]) }
        }
    }

    /// Appends a boolean column.
    mutating func add(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "t" : "f")
    }

    /// Appends a bytea column (nil is NULL) in hex form, `\x…` (its backslash escaped for COPY).
    mutating func add(bytes: [UInt8]?) {
        separate()
        guard let bytes else {
            buffer.writeStaticString("\\N")
            return
        }
        buffer.writeStaticString("\\\\x")
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { hex in
            for byte in bytes {
                buffer.writeInteger(hex[Int(byte >> 4)])
                buffer.writeInteger(hex[Int(byte & 0x0F)])
            }
        }
    }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        columnsInRow = 0
    }

    private mutating func separate() {
        if columnsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        columnsInRow += 1
    }
}
