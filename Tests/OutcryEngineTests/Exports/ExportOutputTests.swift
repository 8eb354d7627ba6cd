import OutcryEngine
import OutcryModel
import Testing

/// The streaming output and the fast text helpers write exactly what the plain string helpers write.
@Suite(.timeLimit(.minutes(10))) struct ExportOutputTests {
    static var times: [Timestamp] {
        var random = SplitMix64(seed: 7)
        let fixed: [Int64] = [0, -1, 59, 86_399, 951_782_400, 1_709_650_800, 253_402_300_799, -2_208_988_800]
        return fixed.map(Timestamp.init(seconds:))
            + (0..<500).map { _ in Timestamp(seconds: Int64(random.nextInt(below: 6_000_000_000)) - 1_000_000_000) }
    }

    @Test func timesMatchTheirStringForms() throws {
        for time in Self.times {
            var out = ExportOutput()
            out.write(iso8601: time)
            #expect(try out.finish() == time.iso8601)
            #expect(ExportText.dateTime(time) == "\(ExportText.date(time)) \(time.hourMinute) UTC")
        }
    }

    @Test func decimalsAndIntegersMatchTheirStringForms() throws {
        var random = SplitMix64(seed: 8)
        let values: [Double] = [0, -0.0, 0.04, 0.05, -0.04, 1, 12.25, 99.95, 1e12, -3.5, .nan, .infinity, 864.0000001]
        for value in values + (0..<500).map({ _ in (random.nextUnit() - 0.3) * 2000 }) {
            for places in [0, 1, 2, 3] {
                var out = ExportOutput()
                out.write(decimal: value, places: places)
                #expect(try out.finish() == ExportText.decimal(value, places: places), "\(value) \(places)")
            }
        }
        for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min + 1] {
            var out = ExportOutput()
            out.write(value)
            #expect(try out.finish() == String(value))
        }
    }

    @Test func chunksReachTheSinkInOrderAndWhole() throws {
        final class Collector: ExportSink {
            var chunks: [String] = []
            func write(_ chunk: UnsafeBufferPointer<UInt8>) throws {
                chunks.append(try #require(String(validating: chunk, as: UTF8.self)))
            }
        }
        let collector = Collector()
        var out = ExportOutput(sink: collector, chunkSize: 10)
        var expected = ""
        for index in 0..<200 {
            let piece = index % 3 == 0 ? "é😀\(index)" : "line \(index)\n"
            out += piece
            expected += piece
        }
        #expect(try out.finish() == "", "a sink gets everything; nothing is kept")
        #expect(collector.chunks.joined() == expected)
        #expect(collector.chunks.count > 10)
    }

    @Test func aFailingSinkFailsFinish() {
        struct Broken: Error {}
        final class Failing: ExportSink {
            func write(_ chunk: UnsafeBufferPointer<UInt8>) throws { throw Broken() }
        }
        var out = ExportOutput(sink: Failing(), chunkSize: 4)
        out += "more than four bytes"
        out += "and more"
        #expect(throws: Broken.self) { _ = try out.finish() }
    }
}
