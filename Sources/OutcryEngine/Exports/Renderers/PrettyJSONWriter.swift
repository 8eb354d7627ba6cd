import OutcryModel

/// Writes JSON laid out byte for byte as Foundation's JSONEncoder lays it out with `[.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, empty containers as
/// `[`, a blank line, `]`, doubles as their shortest description without a trailing `.0`, strings escaped by
/// ``JSONText``.
///
/// It streams into an ``ExportOutput`` instead of building a tree. Callers write an object's keys in sorted
/// (byte) order themselves; `EncoderParityTests` checks the result against JSONEncoder.
struct PrettyJSONWriter {
    /// Thrown for NaN and infinities, which JSON cannot hold (JSONEncoder's default strategy throws too).
    struct NonFiniteNumber: Error, CustomStringConvertible {
        var value: Double
        var description: String { "cannot write \(value) as a JSON number" }
    }

    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var isEmpty = true

    private static let indents = (0..<32).map { String(repeating: "  ", count: $0) }

    private func indent(_ out: inout ExportOutput) {
        out += depth < Self.indents.count ? Self.indents[depth] : String(repeating: "  ", count: depth)
    }

    mutating func beginObject(_ out: inout ExportOutput) {
        out += "{"
        depth += 1
        isEmpty = true
    }

    mutating func endObject(_ out: inout ExportOutput) { close("}", &out) }

    mutating func beginArray(_ out: inout ExportOutput) {
        out += "["
        depth += 1
        isEmpty = true
    }

    mutating func endArray(_ out: inout ExportOutput) { close("]", &out) }

    private mutating func close(_ bracket: String, _ out: inout ExportOutput) {
        depth -= 1
        out += isEmpty ? "\n\n" : "\n"
        indent(&out)
        out += bracket
        isEmpty = false
    }

    /// Starts an object member; its value follows. `name` must need no escaping.
    mutating func key(_ name: String, _ out: inout ExportOutput) {
        out += isEmpty ? "\n" : ",\n"
        indent(&out)
        out += "\""
        out += name
        out += "\" : "
        isEmpty = false
    }

    /// Starts an array element; its value follows.
    mutating func element(_ out: inout ExportOutput) {
        out += isEmpty ? "\n" : ",\n"
        indent(&out)
        isEmpty = false
    }

    // MARK: Values

    func string(_ text: String, _ out: inout ExportOutput) { out.writeJSONString(text) }

    func optionalString(_ text: String?, _ out: inout ExportOutput) {
        if let text { out.writeJSONString(text) } else { out += "null" }
    }

    func int(_ value: Int, _ out: inout ExportOutput) { out.write(value) }

    func bool(_ value: Bool, _ out: inout ExportOutput) { out += value ? "true" : "false" }

    func null(_ out: inout ExportOutput) { out += "null" }

    func number(_ value: Double, _ out: inout ExportOutput) throws(NonFiniteNumber) {
        out += try Self.numberText(value)
    }

    /// A double as JSONEncoder writes it: `12.5`, `10`, `1e-07`, `1e+16`, `-0`.
    static func numberText(_ value: Double) throws(NonFiniteNumber) -> String {
        guard value.isFinite else { throw NonFiniteNumber(value: value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A time as a JSON string (`"2024-03-05T15:12:03Z"`), or `null`.
    func time(_ time: Timestamp?, _ out: inout ExportOutput) {
        guard let time else {
            out += "null"
            return
        }
        out.write(byte: UInt8(ascii: "\""))
        out.write(iso8601: time)
        out.write(byte: UInt8(ascii: "\""))
    }

    /// A key with a time value.
    mutating func member(_ name: String, time value: Timestamp?, _ out: inout ExportOutput) {
        key(name, &out)
        time(value, &out)
    }

    /// A key with a string value.
    mutating func member(_ name: String, string text: String, _ out: inout ExportOutput) {
        key(name, &out)
        out.writeJSONString(text)
    }

    /// An array of strings.
    mutating func strings(_ values: some Sequence<String>, _ out: inout ExportOutput) {
        beginArray(&out)
        for value in values {
            element(&out)
            out.writeJSONString(value)
        }
        endArray(&out)
    }
}
