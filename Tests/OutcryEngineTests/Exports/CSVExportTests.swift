import Foundation
import OutcryEngine
import OutcryModel
import Testing

/// `--format csv`: RFC 4180 with CRLF, the fixed columns, one row per incident, parsed back by our own reader.
@Suite(.timeLimit(.minutes(10))) struct CSVExportTests {
    static let columns = [
        "id", "service", "group", "region", "scope", "level", "status", "detected_at", "started_at", "peak_at",
        "ended_at", "duration_minutes", "peak_reports", "baseline_reports", "ratio", "total_reports",
        "excess_reports", "top_problem", "top_problem_share", "label", "official_status", "official_acknowledged_at",
        "official_lead_minutes", "official_title", "official_url", "expected", "expected_reason",
    ]

    static func rows() throws -> [[String: String]] {
        let records = try RFC4180Parser.parse(IncidentCSVRenderer.render(ExportScenario.report()))
        let header = try #require(records.first)
        #expect(header == columns)
        return records.dropFirst().map { record in
            #expect(record.count == columns.count)
            return Dictionary(uniqueKeysWithValues: zip(header, record))
        }
    }

    @Test func headerIsExactlyTheDocumentedColumns() throws {
        #expect(IncidentCSVRenderer.columns == Self.columns)
        let text = IncidentCSVRenderer.render(ExportScenario.report())
        #expect(text.hasPrefix(Self.columns.joined(separator: ",") + "\r\n"))
    }

    @Test func everyRecordEndsWithCRLFAndNoBareLineFeeds() throws {
        let bytes = Array(IncidentCSVRenderer.render(ExportScenario.report()).utf8)
        #expect(bytes.suffix(2) == [13, 10])
        for (index, byte) in bytes.enumerated() where byte == 10 {
            #expect(index > 0 && bytes[index - 1] == 13, "bare LF at \(index)")
        }
        #expect(bytes.prefix(3) != [0xEF, 0xBB, 0xBF], "no byte order mark")
    }

    @Test func oneRowPerIncidentWithItsValues() throws {
        let rows = try Self.rows()
        #expect(rows.map { $0["id"] } == ExportScenario.incidents.map(\.id))
        let whatsapp = try #require(rows.first { $0["id"] == ExportScenario.whatsappGlobal.id })
        #expect(whatsapp["service"] == "whatsapp" && whatsapp["group"] == "meta" && whatsapp["region"] == "global")
        #expect(whatsapp["started_at"] == "2024-03-05T15:00:00Z" && whatsapp["ended_at"] == "2024-03-05T16:15:00Z")
        #expect(whatsapp["duration_minutes"] == "75")
        #expect(
            whatsapp["peak_reports"] == "300" && whatsapp["baseline_reports"] == "12.5" && whatsapp["ratio"] == "24")
        #expect(whatsapp["top_problem"] == "login" && whatsapp["top_problem_share"] == "0.75")
        #expect(rows.allSatisfy { $0["label"] == "unofficial" })
    }

    @Test func officialColumnsSayWhatTheStatusPageSaid() throws {
        let rows = try Self.rows()
        let whatsapp = try #require(rows.first { $0["id"] == ExportScenario.whatsappGlobal.id })
        #expect(whatsapp["official_status"] == "acknowledged")
        #expect(whatsapp["official_acknowledged_at"] == "2024-03-05T15:27:00Z")
        #expect(whatsapp["official_lead_minutes"] == "27")
        #expect(whatsapp["official_title"] == "Messaging delays")
        #expect(whatsapp["official_url"] == "https://status.whatsapp.example/incidents/x1_y2")
        let instagram = try #require(rows.first { $0["id"] == ExportScenario.instagramOpen.id })
        #expect(instagram["official_status"] == "not acknowledged")
        #expect(instagram["official_acknowledged_at"] == "" && instagram["official_lead_minutes"] == "")
        let cafe = try #require(rows.first { $0["id"] == ExportScenario.cafeDE.id })
        let officialColumns = Self.columns.filter { $0.hasPrefix("official_") }
        #expect(officialColumns.count == 5)
        #expect(officialColumns.allSatisfy { cafe[$0] == "" }, "no linked status page: all empty")
        #expect(Array(Self.columns.prefix(20).suffix(1)) == ["label"], "new columns come after the old ones")
    }

    @Test func openIncidentHasEmptyEndAndDuration() throws {
        let open = try #require(try Self.rows().first { $0["id"] == ExportScenario.instagramOpen.id })
        #expect(open["status"] == "open" && open["ended_at"] == "" && open["duration_minutes"] == "")
    }

    @Test func fieldsWithCommasQuotesAndLineBreaksRoundTrip() throws {
        let tricky = ["plain", "a,b", "say \"hi\"", "two\r\nlines", "lf\nonly", "", "1=2+3"]
        let text = IncidentCSVRenderer.render([], services: [:])
        #expect(try RFC4180Parser.parse(text).count == 1)
        var encoded = ""
        for field in tricky { encoded += (encoded.isEmpty ? "" : ",") + csvEscape(field) }
        #expect(try RFC4180Parser.parse(encoded + "\r\n") == [tricky])
    }

    @Test func theParserRejectsBrokenCSV() {
        #expect(throws: RFC4180Parser.Failure.self) { try RFC4180Parser.parse("a,\"b\r\n") }
        #expect(throws: RFC4180Parser.Failure.self) { try RFC4180Parser.parse("a,b\nc,d\r\n") }
        #expect(throws: RFC4180Parser.Failure.self) { try RFC4180Parser.parse("a,b\"c\r\n") }
    }

    /// The exporter's escaping, reached through a one-row render of a service name.
    func csvEscape(_ field: String) -> String {
        let service = MonitoredService(slug: ExportScenario.cafe.slug, name: "x", group: field)
        let text = IncidentCSVRenderer.render([ExportScenario.cafeDE], services: [service.slug: service])
        let line = text.components(separatedBy: "\r\n")[1...].joined(separator: "\r\n")
        // group is the third column: strip the two before it and what follows the region.
        let prefix = ExportScenario.cafeDE.id + ",cafe,"
        let suffix = ",DE,"
        guard line.hasPrefix(prefix), let end = line.range(of: suffix, options: .backwards) else { return "" }
        return String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound])
    }
}
