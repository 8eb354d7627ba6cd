import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct LineSplitterTests {
    /// What the splitter reported at one line number, copied out of the callback.
    enum Item: Equatable {
        case line(Int, [UInt8])
        case tooLong(Int, byteCount: Int)
    }

    /// Feeds `data` in chunks of the given sizes (cycled), then finishes.
    static func split(
        _ data: [UInt8], chunkSizes: [Int], maximumLineLength: Int = LineSplitter.defaultMaximumLineLength
    )
        -> [Item]
    {
        var splitter = LineSplitter(maximumLineLength: maximumLineLength)
        var items: [Item] = []
        let collect = { (number: Int, line: LineSplitter.Line) in
            switch line {
            case .complete(let bytes): items.append(.line(number, Array(bytes)))
            case .tooLong(let byteCount): items.append(.tooLong(number, byteCount: byteCount))
            }
        }
        var start = 0
        var turn = 0
        while start < data.count {
            let end = min(data.count, start + chunkSizes[turn % chunkSizes.count])
            turn += 1
            data[start..<end].withUnsafeBytes { splitter.append($0, collect) }
            start = end
        }
        splitter.finish(collect)
        return items
    }

    /// The obvious split, written without the splitter's tricks.
    static func naiveSplit(_ data: [UInt8], maximumLineLength: Int = .max) -> [Item] {
        var pieces = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if pieces.last?.isEmpty == true { pieces.removeLast() }  // a final newline ends a line, it starts none
        return pieces.enumerated().map { offset, piece in
            if piece.count > maximumLineLength { return .tooLong(offset + 1, byteCount: piece.count) }
            return .line(offset + 1, piece.last == 0x0D ? Array(piece.dropLast()) : piece)
        }
    }

    static func randomFile(_ generator: inout SplitMix64, lines: Int, longest: Int) -> [UInt8] {
        var data: [UInt8] = []
        for index in 0..<lines {
            let length = generator.chance(0.2) ? 0 : generator.int(0...longest)
            data += (0..<length).map { _ in generator.pick(Array("ab{}\",é\r".utf8)) }
            if generator.chance(0.3) { data.append(0x0D) }
            if index < lines - 1 || generator.chance(0.5) { data.append(0x0A) }
        }
        return data
    }

    @Test func splitsLikeANaiveSplitWhateverTheChunking() {
        var generator = SplitMix64(seed: 51)
        for _ in 0..<300 {
            let data = Self.randomFile(&generator, lines: generator.int(0...40), longest: 30)
            let sizes = (0..<generator.int(1...4)).map { _ in generator.pick([1, 2, 3, 7, 16, 64, 1000]) }
            #expect(Self.split(data, chunkSizes: sizes) == Self.naiveSplit(data), "chunks \(sizes)")
        }
    }

    @Test func reportsOverlongLinesAndCarriesOn() {
        var generator = SplitMix64(seed: 52)
        for _ in 0..<300 {
            let data = Self.randomFile(&generator, lines: generator.int(1...30), longest: 40)
            let maximum = generator.int(1...25)
            let sizes = (0..<generator.int(1...3)).map { _ in generator.pick([1, 5, 8, 13, 100]) }
            let expected = Self.naiveSplit(data, maximumLineLength: maximum)
            #expect(Self.split(data, chunkSizes: sizes, maximumLineLength: maximum) == expected, "max \(maximum)")
        }
    }

    @Test func stripsCRLFAndKeepsEmptyLines() {
        let data = Array("a\r\n\r\nb\n\nc\rd\r\n".utf8)
        let expected: [Item] = [
            .line(1, Array("a".utf8)), .line(2, []), .line(3, Array("b".utf8)), .line(4, []),
            .line(5, Array("c\rd".utf8)),
        ]
        #expect(Self.split(data, chunkSizes: [1]) == expected)
        #expect(Self.split(data, chunkSizes: [100]) == expected)
    }

    @Test func passesOnALastLineWithoutNewline() {
        #expect(
            Self.split(Array("a\nlast".utf8), chunkSizes: [3]) == [
                .line(1, Array("a".utf8)), .line(2, Array("last".utf8)),
            ])
        #expect(
            Self.split(Array(#"{"service":"wha"#.utf8), chunkSizes: [4]) == [.line(1, Array(#"{"service":"wha"#.utf8))])
        #expect(Self.split([], chunkSizes: [4]).isEmpty)
        #expect(Self.split([0x0A], chunkSizes: [4]) == [.line(1, [])])
    }

    @Test(.timeLimit(.minutes(10)))
    func dropsAnOverlongLineInTheMiddleWithoutKeepingIt() {
        var splitter = LineSplitter(maximumLineLength: 1000)
        var items: [Item] = []
        let collect = { (number: Int, line: LineSplitter.Line) in
            switch line {
            case .complete(let bytes): items.append(.line(number, Array(bytes)))
            case .tooLong(let byteCount): items.append(.tooLong(number, byteCount: byteCount))
            }
        }
        Array("first\n".utf8).withUnsafeBytes { splitter.append($0, collect) }
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        for _ in 0..<160 {  // 10 MiB of one line
            block.withUnsafeBytes { splitter.append($0, collect) }
        }
        Array("\r\nlast".utf8).withUnsafeBytes { splitter.append($0, collect) }
        splitter.finish(collect)
        #expect(
            items == [
                .line(1, Array("first".utf8)), .tooLong(2, byteCount: 160 * 64 * 1024 + 1),
                .line(3, Array("last".utf8)),
            ])
        #expect(splitter.nextLineNumber == 4)
    }

    @Test func passesATenMegabyteLineUnderTheDefaultMaximum() {
        let data = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000) + [0x0A, 0x62]
        var lengths: [Int] = []
        var splitter = LineSplitter()
        var start = 0
        while start < data.count {
            let end = min(data.count, start + 65_536)
            data[start..<end].withUnsafeBytes { chunk in
                splitter.append(chunk) { _, line in
                    if case .complete(let bytes) = line { lengths.append(bytes.count) }
                }
            }
            start = end
        }
        splitter.finish { _, line in
            if case .complete(let bytes) = line { lengths.append(bytes.count) }
        }
        #expect(lengths == [10_000_000, 1])
    }

    @Test func letsTheCallerStopByThrowing() {
        struct Stop: Error {}
        var splitter = LineSplitter()
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try Array("a\nb\nc\n".utf8).withUnsafeBytes { chunk in
                try splitter.append(chunk) { (number, _) throws(Stop) in
                    seen.append(number)
                    if number == 2 { throw Stop() }
                }
            }
        }
        #expect(seen == [1, 2])
    }
}
