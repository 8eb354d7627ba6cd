import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

#if canImport(Glibc)
    import Glibc
#endif

/// `outcry simulate`: writes realistic synthetic reports as JSON Lines (for demos, tests and benchmarks).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write simulated reports as JSON Lines: daily cycles, noise, repeat reporters and outages.",
        discussion: """
            Scenarios: meta (WhatsApp, Instagram, Messenger, Facebook, Threads and unrelated services, with a
            regional outage and an outage like Meta's 5 March 2024 login outage on the last day) and benchmark
            (10 services, 20 regions, about --reports reports), and suite (the scenario suite for judging
            detection: a service per case named after its kind — global, regional, calm-short, bursty,
            slow-ramp, group, new-service, small — and controls that must stay quiet — holiday, hammer,
            doubling, daily-peak; --windows-out writes its outage windows in the format of
            `outcry evaluate --windows`, --kinds-out each service's kind). Deterministic for a given --seed.
            With --register-services the scenario's services are added to the database, so the file can be
            imported straight away.
            """
    )

    enum Scenario: String, ExpressibleByArgument, CaseIterable {
        case meta
        case benchmark
        case suite
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "meta, benchmark or suite.") var scenario: Scenario = .meta
    @Option(help: "Days of traffic (default 7; suite: 28).") var days: Int?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Approximate number of reports (benchmark scenario).") var reports: Int = 2_000_000
    @Option(help: "Output file (default: standard output).") var out: String?
    @Option(help: "suite: write the outage windows (JSON, as `outcry evaluate --windows` reads) to this file.")
    var windowsOut: String?
    @Option(help: "suite: write each service's kind (JSON object, slug to kind) to this file.") var kindsOut: String?
    @Flag(help: "Add the scenario's services to the database (--db).") var registerServices = false

    func validate() throws {
        guard (1...366).contains(days ?? 7) else { throw ValidationError("--days must be 1…366") }
        guard reports > 0 else { throw ValidationError("--reports must be positive") }
        if scenario == .suite {
            guard (days ?? 28) >= 7 else { throw ValidationError("--days must be 7…366 for the suite scenario") }
        } else if windowsOut != nil || kindsOut != nil {
            throw ValidationError("--windows-out and --kinds-out need --scenario suite")
        }
    }

    func run() async throws {
        let days = self.days ?? (scenario == .suite ? 28 : 7)
        let suite = scenario == .suite ? SimulationScenario.suite(days: days, seed: seed) : nil
        let chosen: SimulationScenario =
            switch scenario {
            case .meta: .metaOutage(days: days)
            case .benchmark: .benchmark(days: days, totalReports: reports)
            case .suite: suite?.scenario ?? .suite(days: days, seed: seed).scenario
            }
        if let suite {
            if let windowsOut { try writeText(suite.windowsJSON, to: windowsOut) }
            if let kindsOut { try writeText(suite.kindsJSON, to: kindsOut) }
        }
        if registerServices {
            let engine = try global.openEngine()
            defer { engine.close() }
            for simulated in chosen.services {
                _ = try engine.addService(simulated.service)
            }
        }
        let descriptor: Int32
        if let out {
            descriptor = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw EngineError.cannotRead(path: out, reason: String(cString: strerror(errno)))
            }
        } else {
            descriptor = 1
        }
        defer { if descriptor != 1 { close(descriptor) } }
        var simulator = TrafficSimulator(scenario: chosen, seed: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var count = 0
        let console = Console.current
        let capture = out == nil && console.isCapturing
        simulator.forEachReport { report in
            report.jsonLine(into: &buffer)
            count += 1
            if buffer.count >= 1 << 20 {
                if capture {
                    console.write(String(decoding: buffer, as: UTF8.self))
                } else {
                    writeAll(buffer, to: descriptor)
                }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if capture { console.write(String(decoding: buffer, as: UTF8.self)) } else { writeAll(buffer, to: descriptor) }
        if out != nil {
            console.errorLine("wrote \(count) simulated reports to \(out ?? "")")
        }
    }

    /// Writes a small text file whole, or says which file could not be written and why.
    private func writeText(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw EngineError.invalidArgument("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        writeAll(Array(text.utf8), to: descriptor)
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
