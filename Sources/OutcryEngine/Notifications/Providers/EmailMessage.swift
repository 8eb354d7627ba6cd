package import OutcryModel

/// An RFC 5322 email for the sendmail interface: `Date`, `From`, `To`, `Subject`, `Message-ID`,
/// `MIME-Version`, `Content-Type: text/plain; charset=utf-8` and a base64 body, lines ending in LF as
/// sendmail programs expect on standard input.
///
/// No header can be injected: every interpolated value passes through ``TextLimit/oneLine(_:)`` (CR, LF and
/// other controls become spaces), addresses are ``EmailAddress`` values, a non-ASCII subject is RFC 2047
/// encoded and long subjects are folded, and the body is base64, so nothing in it can end the headers.
/// Email carries no signature of ours (DKIM is the mail system's business).
package enum EmailMessage {
    /// The whole message.
    /// - Parameters:
    ///   - messageID: without angle brackets, e.g. `outcry.12.3@example.org`; the same for every retry of an event.
    package static func render(
        _ content: AlertContent, from: EmailAddress, to recipients: [EmailAddress], date: Timestamp, messageID: String
    ) -> String {
        var headers = [
            "Date: " + date.rfc5322,
            "From: Outcry (unofficial) <\(from.text)>",
            "To: " + recipients.map(\.text).joined(separator: ", "),
            subjectHeader(content.title),
            "Message-ID: <\(TextLimit.oneLine(messageID).replacingAll(" ", with: ""))>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
            "X-Outcry-Event: " + TextLimit.truncated(TextLimit.oneLine(content.event), to: 40),
        ]
        if content.isTest { headers.append("X-Outcry-Test: yes") }
        return headers.joined(separator: "\n") + "\n\n" + base64Lines(Array(plainText(content).utf8)) + "\n"
    }

    /// The body, in plain text.
    package static func plainText(_ content: AlertContent) -> String {
        var lines = [content.title, "", content.summary, ""]
        let width = content.facts.map(\.name.count).max() ?? 0
        for fact in content.facts {
            lines.append(fact.name + ":" + String(repeating: " ", count: width - fact.name.count + 1) + fact.value)
        }
        if let page = content.incidentPageURL {
            lines += ["", "Incident page: " + page]
            if let json = content.incidentJSONURL { lines.append("Incident JSON: " + json) }
        }
        lines += [
            "", content.disclaimer, "-- ",
            "Sent by Outcry. Labelled unofficial: it counts user reports, it does not know.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Subject: …`, plain and folded at spaces when ASCII, RFC 2047 base64 words otherwise.
    static func subjectHeader(_ title: String) -> String {
        let subject = TextLimit.oneLine(title)
        let isPlain = subject.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) } && !subject.contains("=?")
        return isPlain ? fold("Subject: " + subject) : "Subject: " + encodedWords(subject).joined(separator: "\n ")
    }

    /// An ASCII header folded at spaces so lines stay within 78 characters where the words allow.
    static func fold(_ header: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in header.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count > 78 {
                lines.append(line)
                line = String(word)
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n ")
    }

    /// `=?UTF-8?B?…?=` words of 39 bytes (64 characters, so `Subject: ` and a word fit in 78), split between
    /// whole characters.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // Whole characters, or whole scalars of a character too long for one word (never a split scalar).
        let pieces = text.flatMap { character -> [[UInt8]] in
            character.utf8.count <= 39
                ? [Array(character.utf8)] : character.unicodeScalars.map { Array(String($0).utf8) }
        }
        for bytes in pieces {
            if !chunk.isEmpty && chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(base64(bytes))
        var lines: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return lines.joined(separator: "\n")
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : "=")
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : "=")
            index += 3
        }
        return out
    }
}
