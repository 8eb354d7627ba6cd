import OutcryEngine
import Testing

/// Remote text on terminals: no control character, no bidirectional override survives.
@Suite(.timeLimit(.minutes(10))) struct TerminalTextTests {
    @Test func escapeSequencesAndControlsAreRemovedAndBreaksBecomeSpaces() {
        #expect(TerminalText.sanitized("Messaging delays") == "Messaging delays")
        #expect(TerminalText.sanitized("\u{1B}[2J\u{1B}]0;pwned\u{07}Title") == "[2J]0;pwnedTitle")
        #expect(TerminalText.sanitized("line one\nline two\r\tend") == "line one line two  end")
        #expect(TerminalText.sanitized("a\u{0}b\u{7F}c\u{9B}31md\u{85}e") == "abc31mde")
        #expect(TerminalText.sanitized("evil\u{202E}txt.exe\u{2066}x\u{2069}") == "eviltxt.exex")
        #expect(TerminalText.sanitized("p1\u{2028}p2\u{2029}p3") == "p1 p2 p3")
        #expect(TerminalText.sanitized("Café ☕️ 東京 עברית") == "Café ☕️ 東京 עברית")
        #expect(TerminalText.sanitized(nil as String?) == nil)
    }

    /// Property: over every scalar of the C0, C1 and bidi ranges mixed into text, nothing of them survives.
    @Test func noControlScalarSurvives() {
        let forbidden = Array(0x00...0x1F) + Array(0x7F...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for value in forbidden {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let text = "a" + String(Character(scalar)) + "b" + String(repeating: String(Character(scalar)), count: 3)
            let cleaned = TerminalText.sanitized(text)
            #expect(
                !cleaned.unicodeScalars.contains { forbidden.contains(Int($0.value)) }, "U+\(String(value, radix: 16))")
            #expect(cleaned.hasPrefix("a") && cleaned.contains("b"))
        }
    }
}
