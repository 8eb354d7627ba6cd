import OutcryCLI
import Testing

/// The console every command writes through (guarded by the standard library's `Mutex`).
@Suite(.timeLimit(.minutes(10))) struct ConsoleTests {
    @Test func keepsEveryLineWholeWhenTasksWriteAtOnce() async {
        let console = Console(capturing: true)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for line in 0..<200 {
                        console.line("task \(task) line \(line)")
                        console.errorLine("task \(task) error \(line)")
                    }
                }
            }
        }
        let lines = console.output.split(separator: "\n")
        #expect(lines.count == 1600)
        #expect(Set(lines).count == 1600)
        #expect(lines.allSatisfy { $0.hasPrefix("task ") && $0.contains(" line ") })
        #expect(console.errorOutput.split(separator: "\n").count == 1600)
        #expect(console.isCapturing)
        #expect(!console.isErrorTerminal)
    }

    @Test func writesTextAsIsAndLinesWithANewline() {
        let console = Console(capturing: true)
        console.write("a")
        console.line("b")
        console.line()
        console.errorWrite("\rprogress")
        #expect(console.output == "ab\n\n")
        #expect(console.errorOutput == "\rprogress")
    }
}
