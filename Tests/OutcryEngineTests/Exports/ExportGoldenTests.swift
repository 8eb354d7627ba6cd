import OutcryEngine
import Testing

/// Every format rendered from ``ExportScenario`` matches its reviewed golden file.
@Suite(.timeLimit(.minutes(10))) struct ExportGoldenTests {
    @Test(arguments: ExportFormat.allCases)
    func formatMatchesItsGoldenFile(format: ExportFormat) throws {
        let text = try ExportRenderer.render(ExportScenario.report(), as: format)
        try GoldenFile.check(text, named: "scenario.\(format.rawValue).\(format.fileExtension)")
    }

    @Test func emptySelectionMatchesItsGoldenFiles() throws {
        var report = ExportScenario.report(charts: false)
        report.incidents = []
        report.groupEvents = []
        report.histories = []
        for format in [ExportFormat.markdown, .svg, .csv] {
            try GoldenFile.check(
                try ExportRenderer.render(report, as: format), named: "empty.\(format.rawValue).\(format.fileExtension)"
            )
        }
    }

    @Test func everyFormatSaysTheIncidentsAreUnofficial() throws {
        for format in ExportFormat.allCases {
            let text = try ExportRenderer.render(ExportScenario.report(), as: format)
            #expect(text.lowercased().contains("unofficial"), "\(format)")
        }
    }
}
