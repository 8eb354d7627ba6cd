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
///
/// The temporary file is created with `O_EXCL | O_NOFOLLOW` under a name with a random part: whatever already
/// lies at that name (a stale file, or a symbolic link someone planted to make us write elsewhere) is never
/// opened or followed; another name is tried instead. Its mode is 0644 before the umask, like any file the
/// user creates: an export is meant to be shared.
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

    /// Attempts at a fresh temporary name before giving up.
    static let maximumAttempts = 16

    /// Creates the temporary file beside `path`.
    /// - Parameter temporarySuffix: the random part of the temporary file's name (tests pass their own).
    package init(
        path: String, temporarySuffix: () -> String = { String(UInt64.random(in: 0...UInt64.max), radix: 36) }
    ) throws(Failure) {
        self.path = path
        var attempt = 0
        while true {
            attempt += 1
            let candidate = path + ".partial-\(getpid())-" + temporarySuffix()
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if opened >= 0 {
                temporaryPath = candidate
                descriptor = opened
                return
            }
            guard errno == EEXIST || errno == ELOOP, attempt < Self.maximumAttempts else {
                let reason =
                    errno == EEXIST || errno == ELOOP
                    ? "\(Self.maximumAttempts) temporary names beside it were already taken" : Self.systemReason()
                throw Failure(path: path, reason: reason)
            }
        }
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
