/// Word-at-a-time scans over UTF-8 bytes, used by the line splitter and the decoders' fast paths.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first `target` byte at or after `start`, or nil.
    @inline(__always)
    static func firstIndex(of target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        let pattern = UInt64(target) &* ones
        var index = start
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) ^ pattern
            // A byte of `word` is zero exactly where the chunk holds `target`; the lowest flagged byte is exact.
            let zeroBytes = (word &- ones) & ~word & highBits
            if zeroBytes != 0 { return index + zeroBytes.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            if base[index] == target { return index }
            index += 1
        }
        return nil
    }

    /// The index of the first byte at or after `start` that is not ASCII (≥ 0x80), or `bytes.count`.
    @inline(__always)
    static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = start
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let high = word & highBits
            if high != 0 { return index + high.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return index }
            index += 1
        }
        return count
    }
}
