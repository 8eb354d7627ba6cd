import NIOCore
import OutcryStore

/// Rows in `COPY … FROM STDIN`'s text format: tab-separated columns, one row per line, `\N` for NULL, and a
/// backslash before every backslash, tab, newline and carriage return inside a value (so no report text can
/// end a column or a row early).
///
/// Each row is written through raw memory reserved once for its largest possible size (see
/// ``CopyRowWriter/bound(_:)``): encoding runs once per stored report, and byte-by-byte buffer appends cost
/// more than the server's own parsing of the row.
struct PostgresCopyText {
    private(set) var buffer: ByteBuffer
    /// A row needed more than its `maximumBytes` (a wrong bound): the buffer must not be sent.
    private(set) var overflowed = false

    init(capacity: Int = 64 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Appends one row. `maximumBytes` must be at least the sum of the ``CopyRowWriter/bound(_:)`` of the
    /// columns `write` adds; a row that would pass it stops writing and sets ``overflowed`` (checked before
    /// sending), so a wrong bound is an error, never a cut row or a trap.
    mutating func addRow(maximumBytes: Int, _ write: (inout CopyRowWriter) -> Void) {
        var rowOverflowed = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maximumBytes + 1) { raw in
            guard let base = raw.baseAddress else {
                rowOverflowed = true
                return 0
            }
            var row = CopyRowWriter(base: base.assumingMemoryBound(to: UInt8.self), capacity: maximumBytes)
            write(&row)
            rowOverflowed = row.overflowed
            // The newline has its own reserved byte.
            base.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: row.count, as: UInt8.self)
            return row.count + 1
        }
        if rowOverflowed { overflowed = true }
    }
}

/// Writes the columns of one COPY text row into memory reserved for it.
struct CopyRowWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0
    /// Something did not fit in `capacity` and was left out.
    private(set) var overflowed = false
    private var columns = 0

    fileprivate init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// The most bytes a text column can take: a separator and every byte escaped (or `\N`).
    static func bound(_ text: String?) -> Int { 1 + max(2, 2 * (text?.utf8.count ?? 0)) }
    /// The most bytes an integer column can take: a separator, a sign and 19 digits.
    static let integerBound = 21
    /// The most bytes a boolean column takes.
    static let booleanBound = 2
    /// The most bytes a reporter column takes: a separator, `\\x` and 32 hex digits.
    static let reporterBound = 1 + 3 + 32

    /// Appends a text column (nil is NULL).
    mutating func add(_ text: String?) {
        separate()
        guard var text else { return putNull() }
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): put(UInt8(ascii: "\\"), UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): put(UInt8(ascii: "\\"), UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): put(UInt8(ascii: "\\"), UInt8(ascii: "r"))
                default: put(byte)
                }
            }
        }
    }

    /// Appends an integer column.
    mutating func add(_ value: Int64) {
        separate()
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt64 = 1
        while magnitude / scale >= 10 {
            scale *= 10
            digits += 1
        }
        guard count + digits <= capacity else {
            overflowed = true
            return
        }
        while scale > 0 {
            base[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / scale)
            magnitude %= scale
            scale /= 10
            count += 1
        }
    }

    /// Appends a boolean column.
    mutating func add(_ value: Bool) {
        separate()
        put(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Appends a bytea column holding a reporter hash's 16 bytes (nil is NULL), in hex form `\x…` with its
    /// backslash escaped for COPY.
    mutating func add(reporter: ReporterHash?) {
        separate()
        guard let reporter else { return putNull() }
        put(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
        put(UInt8(ascii: "x"))
        putHex(reporter.high)
        putHex(reporter.low)
    }

    private mutating func putHex(_ word: UInt64) {
        guard count + 16 <= capacity else {
            overflowed = true
            return
        }
        for shift in stride(from: 60, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: word >> UInt64(shift)) & 0x0F
            base[count] = nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
            count += 1
        }
    }

    private mutating func putNull() { put(UInt8(ascii: "\\"), UInt8(ascii: "N")) }

    private mutating func separate() {
        if columns > 0 { put(UInt8(ascii: "\t")) }
        columns += 1
    }

    private mutating func put(_ byte: UInt8) {
        guard count < capacity else {
            overflowed = true
            return
        }
        base[count] = byte
        count += 1
    }

    private mutating func put(_ first: UInt8, _ second: UInt8) {
        put(first)
        put(second)
    }
}
