package import ArgumentParser

/// The `outcry` command line: a crowdsourced outage detector whose incidents are unofficial indicators.
package struct OutcryCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "outcry",
        abstract: "Crowdsourced outage detection from user problem reports (unofficial indicators, not confirmations).",
        subcommands: [
            ServiceCommand.self, ReportCommand.self, ImportCommand.self, SeriesCommand.self, DetectCommand.self,
            IncidentsCommand.self, StatusCommand.self, ExportCommand.self, HistoryCommand.self, OfficialCommand.self,
            NotifyCommand.self, BenchmarkExportSeedCommand.self, DemoCommand.self, SimulateCommand.self,
            BenchmarkDetectorCommand.self, DaemonCommand.self, TokenCommand.self, EvaluateCommand.self,
            MigrateCommand.self,
            PruneCommand.self,
        ]
    )

    package init() {}
}
