import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where commands write: standard output and error, or a buffer in tests.
///
/// Commands never call `print` directly, so CLI tests can run a command in-process and read its output.
package final class Console: Sendable {
    /// What a capturing console has collected; nil for a console that writes to the terminal.
    private struct Captured {
        var out: String?
        var error: String?
    }

    /// The standard library's `Synchronization.Mutex` (macOS 15, the package's deployment target, has it).
    /// Terminal writes also happen under it, so lines from concurrent tasks never interleave.
    private let captured: Mutex<Captured>
    /// Whether standard error is a terminal (progress bars are drawn only then).
    package let isErrorTerminal: Bool

    /// The console of the current task: the real terminal unless a test installed a capturing one.
    @TaskLocal package static var current = Console(capturing: false)

    package init(capturing: Bool) {
        if capturing {
            captured = Mutex(Captured(out: "", error: ""))
            isErrorTerminal = false
        } else {
            captured = Mutex(Captured(out: nil, error: nil))
            isErrorTerminal = isatty(2) == 1
        }
    }

    /// Writes a line to standard output.
    package func line(_ text: String = "") { write(text + "\n") }

    /// Writes text to standard output as is.
    package func write(_ text: String) {
        captured.withLock { captured in
            if captured.out != nil { captured.out?.append(text) } else { Self.writeAll(text, to: 1) }
        }
    }

    /// Writes a line to standard error.
    package func errorLine(_ text: String) { errorWrite(text + "\n") }

    /// Writes text to standard error as is (progress bars use `\r`).
    package func errorWrite(_ text: String) {
        captured.withLock { captured in
            if captured.error != nil { captured.error?.append(text) } else { Self.writeAll(text, to: 2) }
        }
    }

    /// Whether this console captures output (tests) instead of writing to the terminal.
    package var isCapturing: Bool { captured.withLock { $0.out != nil } }

    /// What was written to standard output (capturing consoles only).
    package var output: String { captured.withLock { $0.out ?? "" } }
    /// What was written to standard error (capturing consoles only).
    package var errorOutput: String { captured.withLock { $0.error ?? "" } }

    /// Writes all of `text` to a file descriptor, retrying short writes.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var copy = text
        copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// `write(2)` from the platform's C library (`Console.write(_:)` hides the unqualified name inside the class).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #elseif canImport(Darwin)
        Darwin.write(descriptor, bytes, count)
    #endif
}
