import OutcryModel

/// A plain email address (`local@domain`), checked strictly enough that it can go into a header and onto the
/// sendmail command line as is: ASCII, no display name, no quotes, no comments, no spaces, never starting
/// with `-`.
package struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    package let text: String

    package var description: String { text }

    /// The part after the `@`.
    package var domain: Substring { text[text.index(after: text.lastIndex(of: "@") ?? text.startIndex)...] }

    /// The address in `text`, or an error naming what is wrong.
    package static func parse(_ text: String) throws(EngineError) -> EmailAddress {
        let bad = { (reason: String) -> EngineError in
            .invalidArgument(
                "\(quoted(text, limit: 80)) is not an email address: \(reason); use a plain address such as ops@example.com"
            )
        }
        guard text.utf8.count <= 254 else { throw bad("longer than 254 characters") }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw bad("it needs exactly one @") }
        let local = parts[0]
        let domain = parts[1]
        guard (1...64).contains(local.utf8.count) else { throw bad("the part before @ must be 1 to 64 characters") }
        guard local.utf8.allSatisfy(isLocalByte), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else {
            throw bad(
                "the part before @ may hold letters, digits, dots (not first, last or doubled) and !#$%&'*+/=?^_`{|}~-")
        }
        guard !local.hasPrefix("-") else { throw bad("it must not start with -") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !domain.isEmpty,
            labels.allSatisfy({ label in
                (1...63).contains(label.utf8.count) && label.utf8.allSatisfy(isDomainByte) && !label.hasPrefix("-")
                    && !label.hasSuffix("-")
            })
        else { throw bad("the domain must be dot-separated labels of letters, digits and inner hyphens") }
        return EmailAddress(text: text)
    }

    /// Addresses separated by commas, spaces or both (`a@x.org, b@y.org`), at least one, at most `limit`,
    /// duplicates dropped.
    package static func parseList(_ texts: [String], limit: Int = 50) throws(EngineError) -> [EmailAddress] {
        var addresses: [EmailAddress] = []
        for text in texts {
            for piece in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                let address = try parse(String(piece))
                if !addresses.contains(address) { addresses.append(address) }
            }
        }
        guard !addresses.isEmpty else { throw .invalidArgument("give at least one recipient address") }
        guard addresses.count <= limit else { throw .invalidArgument("at most \(limit) recipients per email hook") }
        return addresses
    }

    private init(text: String) { self.text = text }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        isDomainByte(byte) || byte == UInt8(ascii: ".") || Array("!#$%&'*+/=?^_`{|}~".utf8).contains(byte)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }
}
