/// Splits a stream of bytes, fed in chunks of any size, into numbered lines; does no I/O itself.
///
/// Lines end at `\n`; one `\r` before it is dropped (CRLF). Empty lines are reported like any other, so
/// callers can skip them and still number the lines right. A line longer than ``maximumLineLength`` bytes
/// (counting a trailing `\r`) is reported as ``Line/tooLong(byteCount:)`` and its bytes are dropped as they
/// arrive, so memory stays bounded by one line however large the input is. Lines that lie wholly inside a
/// chunk are passed on without copying.
///
/// ```swift
/// var splitter = LineSplitter()
/// while let chunk = read() { try chunk.withUnsafeBytes { try splitter.append($0, handle) } }
/// try splitter.finish(handle)
/// ```
package struct LineSplitter: Sendable {
    /// What the splitter found at one line number.
    package enum Line {
        /// A line's bytes, without the line ending; valid only during the call that receives them.
        case complete(UnsafeBufferPointer<UInt8>)
        /// A line longer than the maximum; its bytes were dropped.
        case tooLong(byteCount: Int)
    }

    /// 16 MiB.
    package static let defaultMaximumLineLength = 16 << 20

    /// The longest line passed on, in bytes.
    package let maximumLineLength: Int
    /// The number the next line will get (lines count from 1).
    package private(set) var nextLineNumber = 1
    /// The start of a line whose end has not arrived yet.
    private var pending: [UInt8] = []
    /// While an over-long line is being dropped, how many of its bytes have gone so far.
    private var droppedCount: Int?

    package init(maximumLineLength: Int = LineSplitter.defaultMaximumLineLength) {
        precondition(maximumLineLength > 0, "maximumLineLength must be positive")
        self.maximumLineLength = maximumLineLength
    }

    /// Feeds the next chunk, calling `body` with each line it completes and that line's number.
    package mutating func append<E: Error>(
        _ chunk: UnsafeRawBufferPointer, _ body: (_ number: Int, _ line: Line) throws(E) -> Void
    ) throws(E) {
        let bytes = UnsafeBufferPointer(
            start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        try append(bytes, body)
    }

    /// Feeds the next chunk, calling `body` with each line it completes and that line's number.
    package mutating func append<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ number: Int, _ line: Line) throws(E) -> Void
    ) throws(E) {
        var start = 0
        while start < bytes.count {
            guard let newline = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: start) else {
                keep(UnsafeBufferPointer(rebasing: bytes[start...]))
                return
            }
            let number = nextLineNumber
            nextLineNumber += 1
            let head = UnsafeBufferPointer(rebasing: bytes[start..<newline])
            start = newline + 1
            if let dropped = droppedCount {
                droppedCount = nil
                try body(number, .tooLong(byteCount: dropped + head.count))
            } else if pending.isEmpty {
                if head.count > maximumLineLength {
                    try body(number, .tooLong(byteCount: head.count))
                } else {
                    try body(number, .complete(Self.withoutCarriageReturn(head)))
                }
            } else {
                let length = pending.count + head.count
                if length > maximumLineLength {
                    pending = []
                    try body(number, .tooLong(byteCount: length))
                } else {
                    pending.append(contentsOf: head)
                    defer { pending.removeAll(keepingCapacity: pending.capacity <= 1 << 16) }
                    try pending.withUnsafeBufferPointer { (line) throws(E) in
                        try body(number, .complete(Self.withoutCarriageReturn(line)))
                    }
                }
            }
        }
    }

    /// Ends the input: passes on a last line that has no newline, if there is one.
    package mutating func finish<E: Error>(_ body: (_ number: Int, _ line: Line) throws(E) -> Void) throws(E) {
        if let dropped = droppedCount {
            droppedCount = nil
            let number = nextLineNumber
            nextLineNumber += 1
            try body(number, .tooLong(byteCount: dropped))
        } else if !pending.isEmpty {
            let number = nextLineNumber
            nextLineNumber += 1
            defer { pending = [] }
            try pending.withUnsafeBufferPointer { (line) throws(E) in
                try body(number, .complete(Self.withoutCarriageReturn(line)))
            }
        }
    }

    /// Holds the start of an unfinished line, or counts it as dropped once it is too long.
    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let dropped = droppedCount {
            droppedCount = dropped + bytes.count
        } else if pending.count + bytes.count > maximumLineLength {
            droppedCount = pending.count + bytes.count
            pending = []
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    @inline(__always)
    private static func withoutCarriageReturn(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let last = line.last, last == 0x0D else { return line }
        return UnsafeBufferPointer(rebasing: line.dropLast())
    }
}

/// A ``LineSplitter/Line`` points into the splitter's or the caller's buffer: it must not leave the callback.
@available(*, unavailable)
extension LineSplitter.Line: Sendable {}
