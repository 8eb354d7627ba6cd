import Foundation
import OutcryEngine
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct SimulatedReportJSONLineTests {
    @Test func writesTheDocumentedShape() {
        let report = SimulatedReport(
            service: SimulationCatalog.slug("whatsapp"), region: SimulationCatalog.region("US"), problem: .login,
            at: CivilTime(year: 2024, month: 3, day: 5, hour: 15, minute: 12, second: 3).timestamp, reporter: "dev-1a2b"
        )
        var buffer: [UInt8] = []
        report.jsonLine(into: &buffer)
        let expected =
            #"{"service":"whatsapp","region":"US","problem":"login","at":"2024-03-05T15:12:03Z","reporter":"dev-1a2b"}"#
        #expect(String(decoding: buffer, as: UTF8.self) == expected + "\n")
    }

    @Test func leavesOutTheReporterWhenAnonymous() throws {
        let report = SimulatedReport(
            service: SimulationCatalog.slug("threads"), region: SimulationCatalog.region("BR"), problem: .app,
            at: Timestamp(seconds: 0), reporter: nil
        )
        let object = try parse(report.jsonLine)
        #expect(object["reporter"] == nil)
        #expect(object["at"] as? String == "1970-01-01T00:00:00Z")
    }

    @Test func generatedLinesParseBack() throws {
        var simulator = TrafficSimulator(scenario: .metaOutage(days: 1), seed: 2)
        var buffer: [UInt8] = []
        var reports: [SimulatedReport] = []
        for _ in 0..<500 {
            let next = simulator.next()
            let report = try #require(next)
            report.jsonLine(into: &buffer)
            reports.append(report)
        }
        let lines = buffer.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == reports.count)
        for (line, report) in zip(lines, reports) {
            let object = try parse(String(decoding: line, as: UTF8.self))
            #expect(object["service"] as? String == report.service.rawValue)
            #expect(object["region"] as? String == report.region.code)
            #expect(object["problem"] as? String == report.problem.rawValue)
            #expect(object["at"] as? String == report.at.iso8601)
            #expect(object["reporter"] as? String == report.reporter)
        }
    }

    @Test(arguments: [
        "quote\"d", "back\\slash", "new\nline\r\ttab", "bell\u{07}nul\u{00}esc\u{1B}", "Zoë 😀 \u{2028}",
    ])
    func escapesSpecialCharacters(reporter: String) throws {
        let report = SimulatedReport(
            service: SimulationCatalog.slug("gmail"), region: SimulationCatalog.region("DE-BE"), problem: .other,
            at: Timestamp(seconds: 1_709_651_523), reporter: reporter
        )
        let line = report.jsonLine
        #expect(!line.contains("\n"))
        let object = try parse(line)
        #expect(object["reporter"] as? String == reporter)
        #expect(object["region"] as? String == "DE-BE")
        #expect(object["at"] as? String == "2024-03-05T15:12:03Z")
    }

    private func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }
}
