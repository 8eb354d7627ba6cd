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
            (10 services, 20 regions, about --reports reports). Deterministic for a given --seed.
            With --register-services the scenario's services are added to the database, so the file can be
            imported straight away.
            """
    )

    enum Scenario: String, ExpressibleByArgument, CaseIterable {
        case meta
        case benchmark
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "meta or benchmark.") var scenario: Scenario = .meta
    @Option(help: "Days of traffic.") var days: Int = 7
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Approximate number of reports (benchmark scenario).") var reports: Int = 2_000_000
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Add the scenario's services to the database (--db).") var registerServices = false

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be 1…366") }
        guard reports > 0 else { throw ValidationError("--reports must be positive") }
    }

    func run() async throws {
        let chosen: SimulationScenario =
            switch scenario {
            case .meta: .metaOutage(days: days)
            case .benchmark: .benchmark(days: days, totalReports: reports)
            }
        if registerServices {
            let engine = try global.openEngine()
            defer { engine.close() }
            for simulated in chosen.services {
                _ = try engine.store { try $0.addService(simulated.service, now: engine.clock.now()) }
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
                if capture { console.write(String(decoding: buffer, as: UTF8.self)) } else { writeAll(buffer, to: descriptor) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if capture { console.write(String(decoding: buffer, as: UTF8.self)) } else { writeAll(buffer, to: descriptor) }
        if out != nil {
            console.errorLine("wrote \(count) simulated reports to \(out ?? "")")
        }
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
