import OutcryModel
import OutcryStore

/// Streams reports from a JSON Lines or CSV file into the store, in batched transactions.
///
/// Bad lines are reported (with their line number) and skipped; good lines are always kept. Memory does not
/// grow with the file: one read chunk, one batch and the writer's caches.
package struct ReportImporter {
    /// Reports per transaction: large enough to amortise the commit, small enough to keep memory flat.
    package var batchSize = 10_000

    package init() {}

    /// Imports everything from `source`.
    /// - Parameters:
    ///   - onRejected: called for each skipped line, in order.
    ///   - onProgress: called after each committed batch.
    package func run(
        engine: Engine, source: ImportSource, format: ImportFormat?,
        onRejected: (LineRejection) -> Void, onProgress: (ImportProgress) -> Void = { _ in }
    ) throws(EngineError) -> ImportResult {
        let reader = try FileByteReader(source: source)
        let validator = try engine.validator(source: .import, requireTime: true)
        let writer = try engine.reportWriter()
        var state = ImportState(format: format, validator: validator)
        state.batch.reserveCapacity(batchSize)
        var splitter = LineSplitter()
        var result = ImportResult()

        func flush() throws(EngineError) {
            guard !state.batch.isEmpty else { return }
            do {
                result.summary += try writer.writeSummarised(state.batch, receivedAt: engine.clock.now())
            } catch {
                throw .store(error)
            }
            state.batch.removeAll(keepingCapacity: true)
            onProgress(ImportProgress(bytesRead: result.bytesRead, totalBytes: reader.size, stored: result.summary.stored, rejected: result.rejected))
        }

        func handleLine(_ number: Int, _ line: LineSplitter.Line) throws {
            do {
                if let report = try state.decode(number: number, line: line) {
                    state.batch.append(report)
                    if state.batch.count >= batchSize { try flush() }
                }
            } catch let error as ReportValidationError {
                result.rejected += 1
                onRejected(LineRejection(line: number, error: error))
            }
        }
        do {
            try reader.forEachChunk { chunk in
                result.bytesRead += chunk.count
                try splitter.append(chunk, handleLine)
            }
            try splitter.finish(handleLine)
            try flush()
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidArgument("\(error)")
        }
        return result
    }
}

/// Per-import decoding state: the format (sniffed from the first line if not given) and the CSV header.
private struct ImportState {
    var format: ImportFormat?
    var validator: ReportValidator
    var csvDecoder: ReportCSVDecoder?
    var batch: [Report] = []

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
                reason: "is \(byteCount) bytes long; lines longer than \(LineSplitter.defaultMaximumLineLength) bytes are skipped"
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
