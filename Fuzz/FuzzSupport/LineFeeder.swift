import OutcryModel

/// Splits fuzz input into lines with ``LineSplitter`` as `outcry import` does, and checks that the lines do
/// not depend on how the input was cut into chunks.
package enum LineFeeder {
    /// Short enough that the fuzzer reaches over-long lines with small inputs.
    package static let maximumLineLength = 256

    /// One line as the splitter passed it on, copied out of the callback.
    package enum Line: Equatable {
        case complete([UInt8])
        case tooLong(byteCount: Int)
    }

    /// The numbered lines of `bytes`, fed in chunks of `chunkSize` bytes.
    package static func lines(of bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> [(number: Int, line: Line)] {
        var splitter = LineSplitter(maximumLineLength: maximumLineLength)
        var lines: [(number: Int, line: Line)] = []
        let collect = { (number: Int, line: LineSplitter.Line) in
            switch line {
            case .complete(let content): lines.append((number, .complete(Array(content))))
            case .tooLong(let byteCount): lines.append((number, .tooLong(byteCount: byteCount)))
            }
        }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            splitter.append(UnsafeBufferPointer(rebasing: bytes[start..<end]), collect)
            start = end
        }
        splitter.finish(collect)
        return lines
    }

    /// The lines of `bytes`, after checking that whole-input and small-chunk feeding agree and that lines are
    /// numbered 1, 2, 3, …
    package static func checkedLines(of bytes: UnsafeBufferPointer<UInt8>) -> [(number: Int, line: Line)] {
        let whole = lines(of: bytes, chunkSize: max(bytes.count, 1))
        let chunked = lines(of: bytes, chunkSize: 7)
        fuzzExpect(whole.map(\.number) == Array(stride(from: 1, through: whole.count, by: 1)), "line numbers skip")
        fuzzExpect(whole.map(\.number) == chunked.map(\.number), "chunking changes the line numbers")
        fuzzExpect(whole.map(\.line) == chunked.map(\.line), "chunking changes the lines")
        for (_, line) in whole {
            switch line {
            case .complete(let content): fuzzExpect(content.count <= maximumLineLength, "a line over the maximum")
            case .tooLong(let count): fuzzExpect(count > maximumLineLength, "a short line reported too long: \(count)")
            }
        }
        return whole
    }

    /// Whether a line holds only blanks (`outcry import` skips those).
    package static func isBlank(_ line: [UInt8]) -> Bool {
        !line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }

    /// The line without a UTF-8 byte order mark at its start.
    package static func withoutByteOrderMark(_ line: [UInt8]) -> [UInt8] {
        line.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(line.dropFirst(3)) : line
    }
}
