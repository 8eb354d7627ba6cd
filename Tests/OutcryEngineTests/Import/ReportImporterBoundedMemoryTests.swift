import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// `outcry import` holds a bounded amount whatever the file: rejections stream out, long lines are not buffered.
@Suite(.timeLimit(.minutes(10))) struct ReportImporterBoundedMemoryTests {
    static let now = Instants.outageAfternoon

    static func engine() throws -> Engine {
        let engine = try Engine(path: ":memory:", clock: FixedTimeSource(now), logger: Logger(label: "test"))
        _ = try engine.storage.addService(.fixture(), now: now)
        return engine
    }

    static let good = #"{"service":"whatsapp","region":"US","at":"2024-03-05T14:00:00Z"}"#

    @Test func aMillionBadLinesStreamTheirRejectionsInSmallBatches() throws {
        let folder = TemporaryDirectory()
        let bad = Data("{}\n".utf8)
        var file = Data(capacity: bad.count * 1_000_000)
        for _ in 0..<1_000_000 { file.append(bad) }
        let path = folder.path("bad.jsonl")
        try file.write(to: URL(fileURLWithPath: path))
        let engine = try Self.engine()
        defer { engine.close() }
        var rejected = 0
        var largestWait = 0
        var rejectedAtLastProgress = 0
        var progressCalls = 0
        let result = try ReportImporter().run(
            engine: engine, source: .file(path: path), format: nil,
            onRejected: { rejection in
                rejected += 1
                if rejected == 1 { #expect(rejection.description == "line 1: service is missing") }
            },
            onProgress: { progress in
                progressCalls += 1
                largestWait = max(largestWait, progress.rejected - rejectedAtLastProgress)
                rejectedAtLastProgress = progress.rejected
            }
        )
        #expect(result.rejected == 1_000_000)
        #expect(rejected == 1_000_000)
        // Before: every rejection was held until 10,000 good lines (here: the end of the file) arrived.
        #expect(largestWait <= 1_000, "rejections are handed on a thousand at a time")
        #expect(progressCalls >= 1_000)
    }

    @Test func anOverlongLineIsOneClearErrorAndTheImportGoesOn() throws {
        let folder = TemporaryDirectory()
        let long = String(repeating: "x", count: 3 * ReportImporter.maximumLineBytes)
        let path = try folder.write("long.jsonl", Self.good + "\n" + long + "\n" + Self.good + "\n" + long)
        let engine = try Self.engine()
        defer { engine.close() }
        var rejections: [LineRejection] = []
        let result = try ReportImporter().run(
            engine: engine, source: .file(path: path), format: nil, onRejected: { rejections.append($0) }
        )
        #expect(result.summary.stored == 2)
        #expect(rejections.map(\.line) == [2, 4], "the last line has no newline and is rejected too")
        #expect(
            rejections.first?.description
                == "line 2: line is longer than \(ReportImporter.maximumLineBytes) bytes (\(3 * ReportImporter.maximumLineBytes) bytes); such lines are skipped"
        )
    }
}
