import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// ``IncidentSelection/matches(_:groupMembers:)`` (used by the Markdown and HTML exports, which read every
/// incident of the services for their histories) selects exactly what the store's query selects.
@Suite(.timeLimit(.minutes(10))) struct SelectionMatchesTests {
    @Test(arguments: 0..<IncidentSelectionTests.cases.count)
    func inMemorySelectionAgreesWithTheStore(index: Int) throws {
        let (name, selection, _) = IncidentSelectionTests.cases[index]
        let folder = TemporaryDirectory()
        let engine = try IncidentSelectionTests.engine(in: folder)
        defer { engine.close() }
        let fromStore = try engine.selectIncidents(selection).incidents.map(\.id)
        let members = try engine.groupMembers(of: selection).map(Set.init)
        let everything = try engine.store { try $0.incidents() }
        #expect(everything.filter { selection.matches($0, groupMembers: members) }.map(\.id) == fromStore, "\(name)")
    }

    @Test func markdownExportSelectsLikeJSON() throws {
        let folder = TemporaryDirectory()
        let engine = try IncidentSelectionTests.engine(in: folder)
        defer { engine.close() }
        for (name, selection, _) in IncidentSelectionTests.cases {
            let markdown = try engine.exportReport(selection, format: .markdown, detector: nil)
            let json = try engine.exportReport(selection, format: .json, detector: nil)
            #expect(markdown.incidents.map(\.id) == json.incidents.map(\.id), "\(name)")
            #expect(markdown.groupEvents.map(\.id) == json.groupEvents.map(\.id), "\(name)")
        }
    }
}
