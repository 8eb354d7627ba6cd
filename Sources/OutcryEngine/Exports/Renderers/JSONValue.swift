/// A JSON value with ordered object keys and explicit nulls, for documents whose shape is fixed by someone
/// else (Statuspage): keys come out in the order written, and `null` fields are present, not omitted.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

    /// `.string(value)` or `.null`.
    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation.
    func text(indent: Int = 0) -> String {
        var out = ExportOutput()
        write(to: &out, indent: indent)
        return (try? out.finish()) ?? ""
    }

    /// Streams ``text(indent:)`` into `out`.
    func write(to out: inout ExportOutput, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out.write(value)
        case .string(let value): out.writeJSONString(value)
        case .array(let values):
            guard !values.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += Self.indentation(indent + 1)
                value.write(to: &out, indent: indent + 1)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += Self.indentation(indent)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += Self.indentation(indent + 1)
                out.writeJSONString(key)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += Self.indentation(indent)
            out += "}"
        }
    }

    private static let indents = (0..<32).map { String(repeating: "  ", count: $0) }

    /// Two spaces per level.
    static func indentation(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }
}
