import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// The incident document's field tables: well formed, and the readers built on them (the model's JSON reader
/// and Codable) read back what JSONEncoder writes, for arbitrary incidents. (`EncoderParityTests` checks the
/// export writer against JSONEncoder.)
@Suite(.timeLimit(.minutes(10)))
struct WireTableTests {
    static let schemas: [WireSchema] = [
        Incident.wire.schema, IncidentEvidence.wire.schema, ProblemShare.wire.schema,
        OfficialAcknowledgement.wire.schema, GroupEvent.wire.schema,
    ]

    @Test func namesAreUniqueSnakeCaseAndInByteOrder() {
        for schema in Self.schemas {
            let names = schema.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(schema.name)")
            #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(schema.name)")
            for name in names {
                #expect(name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }, "\(name)")
            }
        }
    }

    @Test(arguments: 0..<4)
    func randomIncidentsReadBackThroughEveryReader(batch: UInt64) throws {
        var random = RandomDocuments(seed: 0x71AB_0000 + batch)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for _ in 0..<60 {
            var incident = random.incident()
            // Labels other than `unofficial` are refused on reading: no writer makes them.
            incident.label = Incident.unofficialLabel
            if !incident.expected { incident.expectedReason = nil }
            let body = Array(try encoder.encode(incident))
            #expect(try Incident(json: body) == incident)
            #expect(try JSONDecoder().decode(Incident.self, from: Data(body)) == incident)
        }
    }
}
