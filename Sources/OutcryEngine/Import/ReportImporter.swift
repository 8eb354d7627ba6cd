import Foundation
import OutcryModel
import OutcryStore

/// Streams reports from a JSON Lines or CSV file into the store, in batched transactions.
///
/// Two stages run in parallel: a reader thread splits, decodes and validates lines into batches; the caller's
/// thread writes each batch in one transaction. At most ``pipelineDepth`` batches wait between them, so
/// memory does not grow with the file. Bad lines are reported (with their line number, in file order) and
/// skipped; good lines are always kept.
///
/// Memory stays bounded whatever the input: a batch is handed over after ``batchSize`` reports *or*
/// ``rejectionsPerBatch`` rejected lines, whichever comes first, and a line longer than ``maximumLineBytes``
/// is rejected as it streams past, without being buffered whole.
package struct ReportImporter {
    /// The longest line read, in bytes: far more than any valid report needs (a full comment written as
    /// `\uXXXX` escapes is under 8 KiB), small enough that a hostile line costs little.
    package static let maximumLineBytes = 1 << 20
    /// Reports per transaction: large enough to amortise the commit, small enough to keep memory flat.
    package var batchSize = 10_000
    /// Rejected lines held before they are handed on, so a file of bad lines streams its rejections too.
    package var rejectionsPerBatch = 1_000
    /// Decoded batches allowed to wait for the writer.
    package var pipelineDepth = 2
    /// Validate only: nothing is stored (`outcry import --dry-run`).
    package var isDryRun = false

    package init() {}

    /// Imports everything from `source`.
    /// - Parameters:
    ///   - onRejected: called for each skipped line, in file order.
    ///   - onProgress: called after each committed batch.
    package func run(
        engine: Engine, source: ImportSource, format: ImportFormat?,
        onRejected: (LineRejection) -> Void, onProgress: (ImportProgress) -> Void = { _ in }
    ) throws(EngineError) -> ImportResult {
        let reader = try FileByteReader(source: source)
        let totalBytes = reader.size
        let validator = try engine.validator(source: .import, requireTime: true)
        let writer = try engine.reportWriter()
        let channel = BatchChannel(capacity: pipelineDepth)
        let batchSize = batchSize
        let decoding = DecodingStage(
            reader: reader, format: format, validator: validator, batchSize: batchSize,
            rejectionsPerBatch: max(1, rejectionsPerBatch), reporterSecret: engine.reporterSecret
        )
        let thread = Thread { decoding.run(into: channel) }
        thread.stackSize = 1 << 22
        thread.start()
        defer { channel.cancel() }

        var result = ImportResult()
        while let batch = channel.receive() {
            for rejection in batch.rejections {
                result.rejected += 1
                onRejected(rejection)
            }
            result.bytesRead = batch.bytesRead
            if isDryRun {
                result.summary.stored += batch.reports.count
            } else if !batch.reports.isEmpty {
                do {
                    result.summary += try writer.writeSummarised(
                        batch.reports, hashes: batch.hashes, receivedAt: engine.clock.now())
                } catch {
                    throw .store(error)
                }
            }
            onProgress(
                ImportProgress(
                    bytesRead: result.bytesRead, totalBytes: totalBytes, stored: result.summary.stored,
                    rejected: result.rejected))
        }
        if let failure = channel.failure { throw failure }
        return result
    }
}

/// One decoded batch: the valid reports (with their reporters' hashes) and the lines rejected on the way.
struct DecodedBatch: Sendable {
    var reports: [Report] = []
    /// One per report: the keyed hash of its reporter, computed on the reader thread; nil when anonymous.
    var hashes: [ReporterHash?] = []
    var rejections: [LineRejection] = []
    var bytesRead = 0
}

/// The reader thread's work: split, decode, validate, hash the reporters, hand over full batches.
final class DecodingStage: @unchecked Sendable {
    // @unchecked: the reader, the decoding state and the hasher are used only by the one thread that runs `run`.
    private let reader: FileByteReader
    private var state: ImportState
    private let batchSize: Int
    private let rejectionsPerBatch: Int
    private let hasher: ReporterHasher

    init(
        reader: FileByteReader, format: ImportFormat?, validator: ReportValidator, batchSize: Int,
        rejectionsPerBatch: Int, reporterSecret: [UInt8]
    ) {
        self.reader = reader
        self.state = ImportState(format: format, validator: validator)
        self.batchSize = batchSize
        self.rejectionsPerBatch = rejectionsPerBatch
        self.hasher = ReporterHasher(secret: reporterSecret)
    }

    func run(into channel: BatchChannel) {
        var splitter = LineSplitter(maximumLineLength: ReportImporter.maximumLineBytes)
        var batch = DecodedBatch()
        batch.reports.reserveCapacity(batchSize)
        batch.hashes.reserveCapacity(batchSize)
        var bytesRead = 0
        func handOver() throws {
            batch.bytesRead = bytesRead
            guard channel.send(batch) else { throw CancellationError() }
            batch = DecodedBatch()
            batch.reports.reserveCapacity(batchSize)
            batch.hashes.reserveCapacity(batchSize)
        }
        func handle(_ number: Int, _ line: LineSplitter.Line) throws {
            do {
                if let report = try state.decode(number: number, line: line) {
                    batch.reports.append(report)
                    batch.hashes.append(report.reporter.map(hasher.hash))
                    if batch.reports.count >= batchSize { try handOver() }
                }
            } catch let error as ReportValidationError {
                batch.rejections.append(LineRejection(line: number, error: error))
                if batch.rejections.count >= rejectionsPerBatch { try handOver() }
            }
        }
        do {
            try reader.forEachChunk { chunk in
                bytesRead += chunk.count
                try splitter.append(chunk, handle)
            }
            try splitter.finish(handle)
            batch.bytesRead = bytesRead
            _ = channel.send(batch)
            channel.close()
        } catch is CancellationError {
            channel.close()
        } catch let error as EngineError {
            channel.fail(error)
        } catch {
            channel.fail(.invalidArgument("\(error)"))
        }
    }
}

/// A bounded hand-over of batches from the reader thread to the writer, with cancellation both ways.
final class BatchChannel: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var queue: [DecodedBatch] = []
    private let capacity: Int
    private var isClosed = false
    private var isCancelled = false
    private(set) var failure: EngineError?

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits for room, then enqueues; false if the receiver gave up.
    func send(_ batch: DecodedBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, or nil once the sender closed (or failed) and the queue is drained.
    func receive() -> DecodedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !isClosed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    func fail(_ error: EngineError) {
        condition.lock()
        failure = error
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver stops early (an error while writing): the sender's next `send` returns false.
    func cancel() {
        condition.lock()
        isCancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Per-import decoding state: the format (sniffed from the first line if not given) and the CSV header.
struct ImportState {
    var format: ImportFormat?
    var validator: ReportValidator
    var csvDecoder: ReportCSVDecoder?

    init(format: ImportFormat?, validator: ReportValidator) {
        self.format = format
        self.validator = validator
    }

    /// Decodes and validates one line; nil for blank lines and the CSV header.
    mutating func decode(number: Int, line: LineSplitter.Line) throws -> Report? {
        let bytes: UnsafeBufferPointer<UInt8>
        switch line {
        case .tooLong(let byteCount):
            throw ReportValidationError(
                field: "line",
                reason:
                    "is longer than \(ReportImporter.maximumLineBytes) bytes (\(byteCount) bytes); such lines are skipped"
            )
        case .complete(let content):
            bytes = content
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        if format == nil {
            let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
            format = first == UInt8(ascii: "{") ? .jsonl : .csv
        }
        let input: ReportInput
        switch format {
        case .csv:
            guard let csvDecoder else {
                csvDecoder = try ReportCSVDecoder(headerLine: Self.withoutByteOrderMark(bytes))
                return nil
            }
            input = try csvDecoder.decode(bytes)
        default:
            input = try ReportJSONDecoder.decodeObject(number == 1 ? Self.withoutByteOrderMark(bytes) : bytes)
        }
        return try validator.validate(input)
    }

    /// A UTF-8 byte-order mark at the start of a file is tolerated.
    static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }
}
