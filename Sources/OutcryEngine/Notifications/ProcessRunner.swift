import Foundation
import OutcryModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program for a notification: given bytes on standard input, standard output discarded, the start of
/// standard error kept, in its own process group that is killed when it overruns its time.
///
/// Standard input is an unlinked temporary file rather than a pipe: a program that never reads its input
/// cannot block us, nor can it make our write fail with SIGPIPE.
enum ProcessRunner {
    /// Bytes of standard error quoted in the delivery log.
    static let quotedErrorBytes = 200

    /// How a run ended.
    enum Ending: Equatable {
        /// Could not prepare the input files.
        case cannotPrepare(String)
        /// Could not start the program.
        case cannotStart(String)
        /// Killed after the timeout.
        case timedOut
        /// Exited with this status.
        case exited(Int32, standardError: String)
        /// Killed by this signal.
        case signalled(Int32, standardError: String)
    }

    static func run(
        executable: String, arguments: [String], environment: [String: String]? = nil, input: [UInt8], timeout: Duration
    ) async -> Ending {
        let inputFile: FileHandle
        let errors: FileHandle
        do {
            inputFile = try scratchFile(holding: input)
            errors = try scratchFile(holding: [])
        } catch {
            return .cannotPrepare("\(error)")
        }
        defer {
            try? inputFile.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = inputFile
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let (exits, exited) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in
            exited.yield()
            exited.finish()
        }
        do {
            try process.run()
        } catch {
            return .cannotStart("\(error)")
        }
        let group = process.processIdentifier
        let timedOut = Flag()
        // The deadline runs on a Dispatch timer, not a task: a cooperative pool busy with blocking work must not
        // be able to delay the kill (a child could then run its full course).
        let killer = DispatchWorkItem {
            timedOut.set()
            kill(-group, SIGKILL)
        }
        let delay = Int(clamping: max(0, timeout.wholeNanoseconds))
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(delay), execute: killer)
        await withTaskCancellationHandler {
            for await _ in exits {}
        } onCancel: {
            kill(-group, SIGKILL)
        }
        killer.cancel()
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 0 { return .exited(0, standardError: "") }
        if timedOut.isSet { return .timedOut }
        let stderr = quotedStandardError(errors)
        return process.terminationReason == .exit
            ? .exited(process.terminationStatus, standardError: stderr)
            : .signalled(process.terminationStatus, standardError: stderr)
    }

    /// An open, already unlinked temporary file holding `bytes`, positioned at its start.
    private static func scratchFile(holding bytes: [UInt8]) throws -> FileHandle {
        var template = Array((FileManager.default.temporaryDirectory.path + "/outcry-hook-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        template.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { _ = unlink(base) }
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: bytes)
        try handle.seek(toOffset: 0)
        return handle
    }

    /// The start of what the program wrote to standard error, on one line.
    private static func quotedStandardError(_ handle: FileHandle) -> String {
        var buffer = [UInt8](repeating: 0, count: quotedErrorBytes)
        let count = buffer.withUnsafeMutableBytes { pread(handle.fileDescriptor, $0.baseAddress, quotedErrorBytes, 0) }
        guard count > 0 else { return "" }
        let printable = buffer.prefix(count).map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: " ") }
        return String(decoding: printable, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// A flag set by one task and read by another.
    private final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}
