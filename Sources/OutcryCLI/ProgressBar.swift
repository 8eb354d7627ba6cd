import OutcryEngine

/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let console: Console
    private var isDrawn = false
    private var lastDrawnAt: UInt64 = 0

    init(console: Console) { self.console = console }

    mutating func update(_ progress: ImportProgress) {
        guard console.isErrorTerminal else { return }
        let now = monotonicMilliseconds()
        guard now - lastDrawnAt >= 200 else { return }
        lastDrawnAt = now
        var text = "\r\u{1B}[2K"
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            text += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            text += "\(Int(fraction * 100))% "
        }
        text += "\(progress.stored) stored, \(progress.rejected) rejected"
        console.errorWrite(text)
        isDrawn = true
    }

    mutating func clear() {
        guard isDrawn else { return }
        console.errorWrite("\r\u{1B}[2K")
        isDrawn = false
    }
}
