import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an exec hook: `/bin/sh -c COMMAND` with the event JSON on standard input and `OUTCRY_*` variables in
/// its environment; exit status 0 means delivered. The command runs in its own process group, which is
/// killed when it overruns the timeout.
///
/// Standard input is an unlinked temporary file rather than a pipe: a command that never reads its input
/// cannot block us, nor can it make our write fail with SIGPIPE.
enum CommandTransport {
    /// Bytes of the command's standard error quoted in the delivery log.
    static let quotedErrorBytes = 200

    static func run(_ message: OutgoingNotification, timeout: Duration) async -> DeliveryOutcome {
        let input: FileHandle
        let errors: FileHandle
        do {
            input = try scratchFile(holding: Array(message.payload.utf8))
            errors = try scratchFile(holding: [])
        } catch {
            return .retry(httpStatus: nil, error: "cannot prepare the command's input: \(error)", retryAfterSeconds: nil)
        }
        defer {
            try? input.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", message.target]
        process.environment = environment(for: message)
        process.standardInput = input
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
            return .failed(httpStatus: nil, error: "cannot start /bin/sh: \(error)")
        }
        let group = process.processIdentifier
        let timedOut = Flag()
        let killer = Task {
            try await Task.sleep(for: timeout)
            timedOut.set()
            kill(-group, SIGKILL)
        }
        await withTaskCancellationHandler {
            for await _ in exits {}
        } onCancel: {
            kill(-group, SIGKILL)
        }
        killer.cancel()
        process.waitUntilExit()
        let status = process.terminationStatus
        if process.terminationReason == .exit && status == 0 { return .delivered(httpStatus: nil) }
        let stderr = quotedStandardError(errors)
        let detail = stderr.isEmpty ? "" : ": " + stderr
        if timedOut.isSet {
            return .retry(
                httpStatus: nil, error: "the command did not finish within \(timeout.humanReadable) and was killed",
                retryAfterSeconds: nil
            )
        }
        switch (process.terminationReason, status) {
        case (.exit, 126), (.exit, 127):
            return .failed(httpStatus: nil, error: "the command could not run (exit status \(status))\(detail)")
        case (.exit, _):
            return .retry(httpStatus: nil, error: "the command exited with status \(status)\(detail)", retryAfterSeconds: nil)
        default:
            return .retry(httpStatus: nil, error: "the command was killed by signal \(status)\(detail)", retryAfterSeconds: nil)
        }
    }

    /// The environment of the command: ours plus the event's `OUTCRY_*` variables.
    static func environment(for message: OutgoingNotification) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OUTCRY_EVENT"] = message.event
        environment["OUTCRY_EVENT_ID"] = String(message.eventID)
        environment["OUTCRY_HOOK_ID"] = String(message.hookID)
        environment["OUTCRY_ATTEMPT"] = String(message.attempt)
        environment["OUTCRY_INCIDENT_ID"] = message.incidentID ?? ""
        environment["OUTCRY_SERVICE"] = message.service ?? ""
        environment["OUTCRY_LEVEL"] = message.level ?? ""
        return environment
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

    /// The start of what the command wrote to standard error, on one line.
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
