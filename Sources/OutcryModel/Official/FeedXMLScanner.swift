/// A small, non-validating XML scanner for status feeds (Atom, RSS): start tags with attributes, end tags,
/// text and CDATA, the five predefined entities and numeric character references.
///
/// Deliberately limited, because a feed comes from a remote party: a document type declaration is skipped and
/// its entities are never expanded (no entity expansion bombs, no external entities), nesting deeper than
/// ``maximumDepth`` or more than ``maximumElements`` elements end the scan with an error, and mismatched or
/// unterminated markup is an error naming the byte offset. Namespace prefixes are dropped from names
/// (`atom:link` is `link`).
struct FeedXMLScanner {
    static let maximumDepth = 64
    static let maximumElements = 200_000

    enum Event {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    struct Failure: Error {
        var reason: String
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Scans the whole document, handing each event to `handle`.
    mutating func scan(_ handle: (Event) throws(Failure) -> Void) throws(Failure) {
        var stack: [String] = []
        var elements = 0
        var sawRoot = false
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                if !stack.isEmpty { try handle(.text(try Self.decodeEntities(bytes[start..<index], at: start))) }
                continue
            }
            if hasPrefix("<!--") {
                index = try position(after: "-->", what: "comment")
            } else if hasPrefix("<![CDATA[") {
                let start = index + 9
                index = try position(after: "]]>", what: "CDATA section")
                if !stack.isEmpty { try handle(.text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self))) }
            } else if hasPrefix("<?") {
                index = try position(after: "?>", what: "processing instruction")
            } else if hasPrefix("<!") {
                try skipDeclaration()
            } else if hasPrefix("</") {
                let at = index
                index += 2
                let name = readName()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    throw Failure(reason: "unterminated end tag </\(name) at byte \(at)")
                }
                index += 1
                guard let open = stack.popLast(), open == name else {
                    throw Failure(
                        reason: "end tag </\(name)> at byte \(at) does not close "
                            + (stack.isEmpty ? "any element" : "<\(stack.last ?? "")>"))
                }
                try handle(.end(name: name))
            } else {
                let at = index
                index += 1
                let name = readName()
                guard !name.isEmpty else { throw Failure(reason: "a '<' that starts no tag at byte \(at)") }
                guard !sawRoot || !stack.isEmpty else {
                    throw Failure(reason: "a second top-level element <\(name)> at byte \(at)")
                }
                let (attributes, isEmpty) = try readAttributes(tag: name, at: at)
                elements += 1
                guard elements <= Self.maximumElements else {
                    throw Failure(reason: "more than \(Self.maximumElements) elements")
                }
                guard stack.count < Self.maximumDepth else {
                    throw Failure(reason: "elements nested deeper than \(Self.maximumDepth) levels at byte \(at)")
                }
                sawRoot = true
                try handle(.start(name: name, attributes: attributes))
                if isEmpty { try handle(.end(name: name)) } else { stack.append(name) }
            }
        }
        if let open = stack.last { throw Failure(reason: "the document ends inside <\(open)> (truncated)") }
        if !sawRoot { throw Failure(reason: "no element found") }
    }

    // MARK: - Pieces

    private func hasPrefix(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { prefix in
            for offset in 0..<count where bytes[index + offset] != prefix[offset] { return false }
            return true
        }
    }

    /// The index just after the next `terminator`.
    private func position(after terminator: StaticString, what: String) throws(Failure) -> Int {
        let count = terminator.utf8CodeUnitCount
        let pattern = terminator.withUTF8Buffer { Array($0) }
        var cursor = index + 2
        while cursor + count <= bytes.count {
            if bytes[cursor] == pattern[0], Array(bytes[cursor..<(cursor + count)]) == pattern { return cursor + count }
            cursor += 1
        }
        throw Failure(reason: "unterminated \(what) starting at byte \(index)")
    }

    /// Skips `<!DOCTYPE …>` (with an internal subset in brackets) without reading it: its entities are never
    /// expanded.
    private mutating func skipDeclaration() throws(Failure) {
        let start = index
        var depth = 0
        var quote: UInt8? = nil
        index += 2
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth = max(0, depth - 1)
            case UInt8(ascii: ">") where depth == 0: return
            default: break
            }
        }
        throw Failure(reason: "unterminated declaration starting at byte \(start)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// A tag or attribute name, without its namespace prefix.
    private mutating func readName() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<")
            {
                break
            }
            index += 1
        }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return name
    }

    /// The attributes up to `>` or `/>`, and whether the tag closes itself.
    private mutating func readAttributes(tag: String, at: Int) throws(Failure) -> ([String: String], Bool) {
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard index < bytes.count else { throw Failure(reason: "unterminated tag <\(tag) at byte \(at)") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return (attributes, false)
            }
            if hasPrefix("/>") {
                index += 2
                return (attributes, true)
            }
            let name = readName()
            guard !name.isEmpty else {
                throw Failure(reason: "unexpected character in tag <\(tag) at byte \(index)")
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw Failure(reason: "attribute \(name) of <\(tag)> at byte \(at) has no value")
            }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw Failure(reason: "attribute \(name) of <\(tag)> at byte \(at) is not quoted")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw Failure(reason: "unterminated attribute \(name) of <\(tag)>") }
            if attributes.count < 32 { attributes[name] = try Self.decodeEntities(bytes[start..<index], at: start) }
            index += 1
        }
    }

    /// Text with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;` replaced; any other entity is kept as
    /// written (it would need the document type, which is never read).
    static func decodeEntities(_ slice: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var cursor = slice.startIndex
        while cursor < slice.endIndex {
            let byte = slice[cursor]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                cursor += 1
                continue
            }
            var end = cursor + 1
            while end < slice.endIndex, end - cursor <= 12, slice[end] != UInt8(ascii: ";") { end += 1 }
            guard end < slice.endIndex, slice[end] == UInt8(ascii: ";") else {
                out.append(byte)
                cursor += 1
                continue
            }
            let name = String(decoding: slice[(cursor + 1)..<end], as: UTF8.self)
            if let replacement = replacement(forEntity: name) {
                out.append(contentsOf: Array(replacement.utf8))
            } else {
                out.append(contentsOf: slice[cursor...end])
            }
            cursor = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func replacement(forEntity name: String) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if digits.hasPrefix("x") || digits.hasPrefix("X") {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits, radix: 10)
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return String(Character(scalar))
    }
}
