#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands write: standard output and error, or a buffer in tests.
///
/// Commands never call `print` directly, so CLI tests can run a command in-process and read its output.
package final class Console: @unchecked Sendable {
    // @unchecked: the buffers are only touched under `lock`.
    private let lock = Mutex()
    private var capturedOut: String?
    private var capturedError: String?
    /// Whether standard error is a terminal (progress bars are drawn only then).
    package let isErrorTerminal: Bool

    /// The console of the current task: the real terminal unless a test installed a capturing one.
    @TaskLocal package static var current = Console(capturing: false)

    package init(capturing: Bool) {
        if capturing {
            capturedOut = ""
            capturedError = ""
            isErrorTerminal = false
        } else {
            isErrorTerminal = isatty(2) == 1
        }
    }

    /// Writes a line to standard output.
    package func line(_ text: String = "") { write(text + "\n") }

    /// Writes text to standard output as is.
    package func write(_ text: String) {
        lock.withLock {
            if capturedOut != nil { capturedOut?.append(text) } else { Self.writeAll(text, to: 1) }
        }
    }

    /// Writes a line to standard error.
    package func errorLine(_ text: String) { errorWrite(text + "\n") }

    /// Writes text to standard error as is (progress bars use `\r`).
    package func errorWrite(_ text: String) {
        lock.withLock {
            if capturedError != nil { capturedError?.append(text) } else { Self.writeAll(text, to: 2) }
        }
    }

    /// Whether this console captures output (tests) instead of writing to the terminal.
    package var isCapturing: Bool { lock.withLock { capturedOut != nil } }

    /// What was written to standard output (capturing consoles only).
    package var output: String { lock.withLock { capturedOut ?? "" } }
    /// What was written to standard error (capturing consoles only).
    package var errorOutput: String { lock.withLock { capturedError ?? "" } }

    /// Writes all of `text` to a file descriptor, retrying short writes.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var copy = text
        copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// A minimal lock over pthread_mutex (Synchronization's Mutex needs newer deployment targets on macOS).
final class Mutex: @unchecked Sendable {
    // @unchecked: pthread_mutex_t is only used through lock/unlock.
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
