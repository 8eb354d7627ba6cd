#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signature libFuzzer calls for each input: the bytes and their count; returns 0.
package typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// libFuzzer's entry point for programs that have a `main` of their own (`FuzzerInterface.h`).
///
/// SwiftPM (tools 5.5 and later) links an executable's entry point as `<Module>_main` and aliases `main` to it,
/// so a fuzz target cannot simply leave `main` to libFuzzer: its top-level code calls this instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: FuzzTestOneInput
) -> CInt

/// Runs libFuzzer with the process's arguments (`-max_total_time=60`, corpus folders, …) and exits with its status.
package func runLibFuzzer(_ testOneInput: FuzzTestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

/// Stops the run as a crash (libFuzzer saves the input) when a property of the code under test does not hold.
///
/// Used for what must be true of any outcome, such as "an error names its field", not only for "no trap".
package func fuzzExpect(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    guard !condition() else { return }
    var text = "fuzz property failed at \(file):\(line): \(message())\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}
