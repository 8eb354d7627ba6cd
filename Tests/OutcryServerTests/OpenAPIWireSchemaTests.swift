import Foundation
import OutcryModel
import OutcryServer
import OutcryTestSupport
import Testing

/// openapi.yaml's schemas of the incident document and the encoder agree on every field: its name, type,
/// `nullable`, `enum` and required-ness, in both directions (a field in one but not the other fails).
@Suite(.timeLimit(.minutes(10)))
struct OpenAPIWireSchemaTests {
    /// The schemas the field tables define.
    static let tables: [WireSchema] = [
        Incident.wire.schema, IncidentEvidence.wire.schema, ProblemShare.wire.schema,
        OfficialAcknowledgement.wire.schema, GroupEvent.wire.schema,
    ]

    @Test func everyTableMatchesItsOpenAPISchema() {
        let documented = OpenAPISchemas.parse(EmbeddedOpenAPI.yaml)
        for table in Self.tables {
            #expect(OpenAPISchemas.differences(table, documented) == [], "\(table.name)")
        }
    }

    /// The check itself notices each kind of drift.
    @Test func aDriftingSpecificationIsCaught() {
        let yaml = EmbeddedOpenAPI.yaml
        let drifts: [(from: String, to: String, says: String)] = [
            ("        peak_reports:\n          type: integer\n", "", "peak_reports: written but not in openapi.yaml"),
            (
                "        id:\n          type: string\n        service:\n",
                "        id:\n          type: string\n        severity:\n          type: string\n        service:\n",
                "severity: in openapi.yaml but not written"
            ),
            ("peak_reports,\n", "\n", "peak_reports: always written but not required"),
            (
                "        baseline_reports:\n          type: number",
                "        baseline_reports:\n          type: integer",
                "baseline_reports: type is number, openapi.yaml says integer"
            ),
            (
                "          enum: [open, resolved]\n        level:", "          enum: [open]\n        level:",
                "status: values are open, resolved, openapi.yaml says open"
            ),
            (
                "        ended_at:\n          type: string\n          nullable: true\n        peak_reports:",
                "        ended_at:\n          type: string\n        peak_reports:", "ended_at: may be null"
            ),
        ]
        for drift in drifts {
            #expect(yaml.contains(drift.from), "\(drift.says)")
            let changed = OpenAPISchemas.parse(yaml.replacingOccurrences(of: drift.from, with: drift.to))
            let problems = OpenAPISchemas.differences(Incident.wire.schema, changed)
            #expect(problems.contains { $0.contains(drift.says) }, "\(problems)")
        }
    }

    /// What JSONEncoder writes for an incident is what the schema lists: every property for an incident with
    /// every optional field, exactly the required ones for an incident without them.
    @Test func encodedIncidentsHaveTheDocumentedKeys() throws {
        let documented = try #require(OpenAPISchemas.parse(EmbeddedOpenAPI.yaml)["Incident"])
        var full = Incident.fixture(
            official: OfficialAcknowledgement(status: .acknowledged, acknowledgedAt: Timestamp(seconds: 0)))
        full.expected = true
        full.expectedReason = "maintenance"
        let minimal = Incident.fixture()
        for (incident, keys) in [(full, Set(documented.properties.keys)), (minimal, documented.required)] {
            let object = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(incident)) as? [String: Any])
            #expect(Set(object.keys) == keys)
            let evidence = try #require(object["evidence"] as? [String: Any])
            #expect(Set(evidence.keys) == OpenAPISchemas.parse(EmbeddedOpenAPI.yaml)["IncidentEvidence"]?.required)
        }
    }
}

/// The subset of openapi.yaml's `components/schemas` these tests read: per schema its `required` list and,
/// per property, `type`, `nullable`, `enum`, `$ref` (directly or in `allOf`) and `items`.
enum OpenAPISchemas {
    struct Property: Equatable {
        var type: String?
        var nullable = false
        var choices: [String]?
        /// The schema named by `$ref` (or `allOf: [$ref]`).
        var reference: String?
        var itemType: String?
        var itemReference: String?
    }

    struct Schema {
        var required: Set<String> = []
        var properties: [String: Property] = [:]
    }

    static func parse(_ yaml: String) -> [String: Schema] {
        var schemas: [String: Schema] = [:]
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard let start = lines.firstIndex(where: { $0 == "  schemas:" }) else { return [:] }
        lines = lines[(start + 1)...]
        var schema: String?
        var property: String?
        var inProperties = false
        var inItems = false
        var pendingRequired: String?
        for line in lines {
            let indent = line.prefix { $0 == " " }.count
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if indent < 4 { break }
            if let pending = pendingRequired, let schema {
                // A `required:` list continued over several lines.
                let joined = pending + " " + text
                if text.hasSuffix("]") {
                    schemas[schema]?.required = list(joined)
                    pendingRequired = nil
                } else {
                    pendingRequired = joined
                }
                continue
            }
            switch indent {
            case 4:
                schema = String(text.dropLast())
                schemas[schema!] = Schema()
                inProperties = false
                property = nil
            case 6:
                inProperties = text == "properties:"
                if text.hasPrefix("required:") {
                    let rest = text.dropFirst("required:".count).trimmingCharacters(in: .whitespaces)
                    if rest.hasSuffix("]") {
                        schemas[schema ?? ""]?.required = list(rest)
                    } else {
                        pendingRequired = ""
                    }
                }
            case 8 where inProperties:
                property = String(text.dropLast())
                schemas[schema ?? ""]?.properties[property!] = Property()
                inItems = false
            case 10 where inProperties:
                guard let schema, let property else { continue }
                inItems = text == "items:"
                let (key, value) = pair(text)
                switch key {
                case "type": schemas[schema]?.properties[property]?.type = value
                case "nullable": schemas[schema]?.properties[property]?.nullable = value == "true"
                case "enum": schemas[schema]?.properties[property]?.choices = Array(list(value)).sorted()
                case "$ref": schemas[schema]?.properties[property]?.reference = reference(value)
                default: break
                }
            case 12... where inProperties:
                guard let schema, let property else { continue }
                let (key, value) = pair(text.hasPrefix("- ") ? String(text.dropFirst(2)) : text)
                if inItems, key == "type" { schemas[schema]?.properties[property]?.itemType = value }
                if key == "$ref" {
                    if inItems {
                        schemas[schema]?.properties[property]?.itemReference = reference(value)
                    } else {
                        schemas[schema]?.properties[property]?.reference = reference(value)  // allOf
                    }
                }
            default: break
            }
        }
        return schemas
    }

    /// What differs between a field table and the schema of its name, one sentence per difference.
    static func differences(_ table: WireSchema, _ schemas: [String: Schema]) -> [String] {
        guard let schema = schemas[table.name] else { return ["\(table.name): no schema in openapi.yaml"] }
        var problems: [String] = []
        let written = Set(table.fields.map(\.name))
        for name in Set(schema.properties.keys).subtracting(written).sorted() {
            problems.append("\(name): in openapi.yaml but not written")
        }
        for field in table.fields {
            guard let property = schema.properties[field.name] else {
                problems.append("\(field.name): written but not in openapi.yaml")
                continue
            }
            let alwaysWritten = field.presence != .optional
            if alwaysWritten != schema.required.contains(field.name) {
                problems.append(
                    alwaysWritten
                        ? "\(field.name): always written but not required" : "\(field.name): required but optional")
            }
            if (field.presence == .nullable) != property.nullable {
                let mayBeNull = field.presence == .nullable
                problems.append("\(field.name): may be null \(mayBeNull), nullable \(property.nullable)")
            }
            problems += typeDifferences(field.name, field.type, property)
        }
        return problems
    }

    private static func typeDifferences(_ name: String, _ type: WireType, _ property: Property) -> [String] {
        var problems: [String] = []
        switch type {
        case .object(let nested):
            if property.reference != nested.name {
                problems.append("\(name): is a \(nested.name), openapi.yaml says \(property.reference ?? "nothing")")
            }
        case .array(let element):
            if property.type != "array" {
                problems.append("\(name): is an array, openapi.yaml says \(property.type ?? "-")")
            }
            if case .object(let nested) = element {
                if property.itemReference != nested.name { problems.append("\(name): items are \(nested.name)") }
            } else if property.itemType != element.openAPIType {
                let documented = property.itemType ?? "-"
                problems.append("\(name): items are \(element.openAPIType), openapi.yaml says \(documented)")
            }
        default:
            if property.type != type.openAPIType {
                problems.append("\(name): type is \(type.openAPIType), openapi.yaml says \(property.type ?? "-")")
            }
        }
        if case .choice(let values) = type, property.choices != values.sorted() {
            let documented = property.choices?.joined(separator: ", ") ?? "no enum"
            let allowed = values.sorted().joined(separator: ", ")
            problems.append("\(name): values are \(allowed), openapi.yaml says \(documented)")
        }
        return problems
    }

    private static func pair(_ text: String) -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else { return (text, "") }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(text[..<colon]), value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }

    private static func list(_ text: String) -> Set<String> {
        Set(
            text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
    }

    private static func reference(_ value: String) -> String { String(value.split(separator: "/").last ?? "") }
}
