/// The field table of one wire document (the incident, its evidence, a group event…): the single place that
/// names its JSON members. The Codable conformance, the pretty export writer and the stored-body reader are
/// all driven by it, and a test compares it with openapi.yaml, so adding a field is one entry here.
package struct WireTable<Root: Sendable>: Sendable {
    /// The OpenAPI schema's name.
    package let name: String
    /// The fields, in the byte order of their names.
    package let fields: [WireField<Root>]
    /// The document's shape, for readers and the OpenAPI comparison.
    package let schema: WireSchema
    /// Where reading starts: required fields always overwrite it, optional ones keep its values when absent.
    private let blank: Root
    private let indexByName: [String: Int]
    /// How many fields are not ``WirePresence/optional``: when a read saw that many, none is missing.
    private let alwaysWrittenCount: Int

    /// - Precondition: names are unique (checked by the tests of every table).
    package init(_ name: String, blank: Root, fields: [WireField<Root>]) {
        self.name = name
        self.blank = blank
        self.fields = fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var indexByName: [String: Int] = [:]
        for (index, field) in self.fields.enumerated() { indexByName[field.name] = index }
        self.indexByName = indexByName
        alwaysWrittenCount = fields.count { $0.presence != .optional }
        schema = WireSchema(
            name: name, fields: self.fields.map { .init(name: $0.name, type: $0.type, presence: $0.presence) })
    }

    /// `root` as a wire object, members in name order, optional fields without a value left out.
    package func value(_ root: Root) -> WireValue {
        var members: [WireMember] = []
        members.reserveCapacity(fields.count)
        for field in fields {
            if let value = field.get(root) { members.append(WireMember(field.name, value)) }
        }
        return .object(members)
    }

    /// The model value of a wire object: unknown members are ignored, a missing required member, a `null` where
    /// none is allowed or a value the field rejects throws an error naming the field.
    package func make(_ value: WireValue) throws(WireValueError) -> Root {
        guard case .object(let members) = value else { throw WireValueError("must be an object") }
        var root = blank
        var seen = [Bool](repeating: false, count: fields.count)
        var alwaysWrittenSeen = 0
        // Members usually come in the table's order (every writer sorts them), so the next field is tried first.
        var next = 0
        for member in members {
            let index: Int
            if next < fields.count, fields[next].name == member.name {
                index = next
            } else if let found = indexByName[member.name] {
                index = found
            } else {
                continue
            }
            next = index + 1
            let field = fields[index]
            if !seen[index], field.presence != .optional { alwaysWrittenSeen += 1 }
            seen[index] = true
            do {
                try Self.apply(member.value, of: field, to: &root)
            } catch {
                throw error.inside(field.name)
            }
        }
        guard alwaysWrittenSeen < alwaysWrittenCount else { return root }
        for index in fields.indices where !seen[index] && fields[index].presence != .optional {
            let field = fields[index]
            if field.presence == .required { throw WireValueError("is missing").inside(field.name) }
            do { try field.set(&root, .null) } catch { throw WireValueError(error).inside(field.name) }
        }
        return root
    }

    private static func apply(_ value: WireValue, of field: WireField<Root>, to root: inout Root)
        throws(WireValueError)
    {
        if case .null = value {
            switch field.presence {
            case .required: throw WireValueError("must not be null")
            case .optional: return
            case .nullable: break
            }
        }
        if case .choice(let allowed) = field.type, case .string(let text) = value, !allowed.contains(text) {
            throw WireValueError("is \(quoted(text)); expected one of " + allowed.joined(separator: ", "))
        }
        do { try field.set(&root, value) } catch { throw WireValueError(error) }
    }
}
