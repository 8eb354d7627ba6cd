import Foundation
import OutcryModel
import OutcryStore

/// What `outcry demo` did, for the CLI to show.
package struct DemoResult: Sendable {
    package var scenario: SimulationScenario
    package var reportFile: String
    package var importResult: ImportResult
    package var detection: DetectionRun
    package var importSeconds: Double
    package var detectionSeconds: Double
}

extension Engine {
    /// The README's main job: simulates the Meta-outage scenario, writes it as JSON Lines, imports the file
    /// through the real ingestion path, then replays detection minute by minute over the whole range.
    package func runDemo(days: Int, seed: UInt64, workFolder: String, elapsed: () -> Double) throws(EngineError)
        -> DemoResult
    {
        let scenario = SimulationScenario.metaOutage(days: days)
        for simulated in scenario.services {
            _ = try store { try $0.addService(simulated.service, now: clock.now()) }
        }
        let path = (workFolder as NSString).appendingPathComponent("outcry-demo-reports.jsonl")
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw .cannotRead(path: path, reason: "cannot create the simulated report file")
        }
        var simulator = TrafficSimulator(scenario: scenario, seed: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        do {
            try simulator.forEachReport { report in
                report.jsonLine(into: &buffer)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
        } catch {
            throw .cannotRead(path: path, reason: "cannot write the simulated reports: \(error)")
        }
        let importStart = elapsed()
        let imported = try ReportImporter().run(
            engine: self, source: .file(path: path), format: .jsonl, onRejected: { _ in }
        )
        let detectStart = elapsed()
        let detection = try replay(from: scenario.start, to: scenario.end)
        let done = elapsed()
        return DemoResult(
            scenario: scenario, reportFile: path, importResult: imported, detection: detection,
            importSeconds: detectStart - importStart, detectionSeconds: done - detectStart
        )
    }
}
