/// Text from outside (status-page titles and component names, error texts that quote a remote answer, webhook
/// responses) made safe to print on a terminal.
///
/// A status page is a remote party: a title holding `ESC [ 2 J` or an OSC 8 hyperlink would otherwise reach
/// `outcry status` and `outcry official incidents` as terminal commands, and a right-to-left override would
/// reorder what the operator reads.
package enum TerminalText {
    /// `text` with every control character gone: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), the
    /// bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). Tabs, line
    /// breaks and the line and paragraph separators (U+2028, U+2029) become one space each, so words stay
    /// apart and a table cell stays on its line; the rest are removed (an escape sequence loses its ESC and
    /// prints as plain text).
    package static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { action(for: $0) != .keep }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch action(for: scalar) {
            case .keep: scalars.append(scalar)
            case .space: scalars.append(" ")
            case .remove: continue
            }
        }
        return String(scalars)
    }

    /// ``sanitized(_:)`` for an optional.
    package static func sanitized(_ text: String?) -> String? { text.map { sanitized($0) } }

    private enum Action { case keep, space, remove }

    private static func action(for scalar: Unicode.Scalar) -> Action {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: .space
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: .remove
        default: .keep
        }
    }
}
