#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX `write` (the name is taken by ``ExportSink/write(_:)`` inside the sink).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// Writes an export to a file without ever leaving half of it there: the chunks go to a temporary file beside
/// the destination, which ``commit()`` renames over it (``discard()`` removes it instead).
package final class FileExportSink: ExportSink {
    /// Why a file could not be written, with the system's reason.
    package struct Failure: Error, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { "cannot write \(path): \(reason)" }
    }

    private let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    /// Creates the temporary file beside `path`.
    package init(path: String) throws(Failure) {
        self.path = path
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: Self.systemReason()) }
    }

    deinit { discard() }

    package func write(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        if Self.writeAll(chunk, to: descriptor) { throw Failure(path: path, reason: Self.systemReason()) }
    }

    /// Writes every byte, retrying short and interrupted writes; true when writing failed (see `errno`).
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return true
            }
            offset += written
        }
        return false
    }

    /// Closes the temporary file and renames it to the destination.
    package func commit() throws(Failure) {
        guard descriptor >= 0 else { throw Failure(path: path, reason: "already closed") }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let reason = Self.systemReason()
            unlink(temporaryPath)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Closes and removes the temporary file (nothing happens after ``commit()``).
    package func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
