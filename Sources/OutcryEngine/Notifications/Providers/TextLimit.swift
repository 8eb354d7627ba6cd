/// Cutting text to a provider's documented length without breaking a character: whole grapheme clusters
/// are kept or dropped, so no scalar is split and no emoji or accented letter loses a part.
///
/// Lengths are counted in UTF-16 code units, the largest of the counts providers use (JavaScript string
/// length, Unicode characters): text within the limit in UTF-16 is within it by any of them.
package enum TextLimit {
    /// `text` itself when it fits in `limit` UTF-16 code units, else its longest prefix of whole characters
    /// that fits with an ellipsis (`…`) after it.
    package static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        guard limit > 0 else { return "" }
        var kept = ""
        var used = 0
        let budget = limit - 1  // the ellipsis is one code unit
        for character in text {
            let width = character.utf16.count
            guard used + width <= budget else { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }

    /// `text` truncated so its UTF-8 encoding has at most `limit` bytes (for byte-limited fields).
    package static func truncated(_ text: String, toUTF8Bytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        guard limit >= 3 else { return "" }
        var kept = ""
        var used = 0
        let budget = limit - 3  // "…" is three bytes
        for character in text {
            let width = character.utf8.count
            guard used + width <= budget else { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }

    /// One line of text: control characters (line breaks included) become spaces, runs of spaces one, and the
    /// ends are trimmed. Used on everything interpolated from stored or remote text.
    package static func oneLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let isSpace =
                scalar.properties.generalCategory == .control || scalar == " "
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
            if isSpace {
                if !lastWasSpace { out += " " }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }
}
