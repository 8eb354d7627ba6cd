/// One value of a wire document (the incident's public JSON), passed between a ``WireTable`` and the code that
/// writes or reads JSON: the table turns a model value into a tree of these and back, the writers and readers
/// only ever see the tree.
package enum WireValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    /// An instant, written as ISO 8601 text (`2024-03-05T15:12:03Z`).
    case time(Timestamp)
    case array([WireValue])
    /// An object's members, in the byte order of their names (the order of JSONEncoder's `.sortedKeys`).
    case object([WireMember])
}

/// One member of a ``WireValue/object(_:)``.
package struct WireMember: Sendable, Equatable {
    package var name: String
    package var value: WireValue

    package init(_ name: String, _ value: WireValue) {
        self.name = name
        self.value = value
    }
}

/// Why a wire value could not become a field of a model value: the message and the field's path
/// (`evidence.ratio`, `top_problems[2].share`).
package struct WireValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what is allowed, e.g. `must be one of open, resolved`.
    package var message: String
    /// The names (and `[index]` parts) from the document's root down to the field.
    package var path: [String] = []

    package init(_ message: String) { self.message = message }

    /// `error` itself when it is one, else its description.
    init(_ error: any Error) { self = error as? WireValueError ?? WireValueError("\(error)") }

    /// The path as written in messages: `evidence.ratio`, `top_problems[2].share`.
    package var field: String {
        var text = ""
        for part in path {
            if !text.isEmpty, !part.hasPrefix("[") { text += "." }
            text += part
        }
        return text
    }

    package var description: String { path.isEmpty ? message : "field `\(field)` \(message)" }

    /// The same error one level further down: `part` is prepended to the path.
    func inside(_ part: String) -> WireValueError {
        var copy = self
        copy.path.insert(part, at: 0)
        return copy
    }
}

/// Typed access for a field's setter; the readers only produce values of the field's declared type, so a
/// mismatch here means a table whose type and setter disagree (a bug), reported like a wrong value.
extension WireValue {
    package func string() throws(WireValueError) -> String {
        guard case .string(let text) = self else { throw mismatch("a string") }
        return text
    }

    package func int() throws(WireValueError) -> Int {
        guard case .int(let value) = self else { throw mismatch("an integer") }
        return value
    }

    package func number() throws(WireValueError) -> Double {
        switch self {
        case .number(let value): return value
        case .int(let value): return Double(value)
        default: throw mismatch("a number")
        }
    }

    package func bool() throws(WireValueError) -> Bool {
        guard case .bool(let value) = self else { throw mismatch("a boolean") }
        return value
    }

    package func time() throws(WireValueError) -> Timestamp {
        guard case .time(let value) = self else { throw mismatch("a time") }
        return value
    }

    package func array() throws(WireValueError) -> [WireValue] {
        guard case .array(let values) = self else { throw mismatch("an array") }
        return values
    }

    /// Each element converted by `transform`; an element's error names its index.
    package func array<T>(_ transform: (WireValue) throws -> T) throws(WireValueError) -> [T] {
        let values = try array()
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            do { result.append(try transform(value)) } catch { throw WireValueError(error).inside("[\(index)]") }
        }
        return result
    }

    /// `nil` for `null`, else `transform(self)`.
    package func optional<T>(_ transform: (WireValue) throws -> T) rethrows -> T? {
        if case .null = self { return nil }
        return try transform(self)
    }

    /// The case of `T` named by this string.
    package func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(WireValueError) -> T
    where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw WireValueError("is \(quoted(text)); expected one of \(allowed)")
        }
        return value
    }

    /// A wire value for an optional: `null` when nil.
    package static func optional<T>(_ value: T?, _ transform: (T) -> WireValue) -> WireValue {
        value.map(transform) ?? .null
    }

    private func mismatch(_ expected: String) -> WireValueError { WireValueError("must be \(expected)") }
}
