import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import OutcryDetection
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// Health, readiness, metrics, the OpenAPI document and graceful shutdown.
@Suite(.timeLimit(.minutes(10)))
struct OperationsTests {
    @Test func healthAndReadiness() async throws {
        let harness = try ServerHarness(configure: { $0.detectionIntervalSeconds = 60 })
        try await harness.test { client in
            #expect(try await client.get("/healthz").status == .ok)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.json()["database_writable"] as? Bool == true)
            #expect(try ready.json()["migrations_applied"] as? Bool == true)
            // One daemon on an SQLite file: it stores there and leads detection.
            #expect(try ready.json()["backend"] as? String == "sqlite")
            #expect(try ready.json()["detector"] as? String == "leader")
            // Three intervals without a completed tick: stalled.
            harness.clock.advance(seconds: 181)
            let stalled = try await client.get("/readyz")
            #expect(stalled.status == .serviceUnavailable)
            #expect(try stalled.json()["detector_stalled"] as? Bool == true)
        }
    }

    @Test func metricsExposeIngestionAndDetection() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            try await client.postReports(reportJSON())
            try await client.postReports(reportJSON(region: "XX"))
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            let text = response.text
            #expect(text.contains(#"outcry_reports_accepted_total{outcome="counted"} 1"#))
            #expect(text.contains(#"outcry_reports_rejected_total{reason="region"} 1"#))
            #expect(text.contains("outcry_ingest_duration_seconds_bucket"))
            #expect(text.contains("outcry_write_batch_reports_bucket"))
            #expect(text.contains("outcry_write_queue_reports"))
            // No client address or reporter in the metrics.
            #expect(!text.contains("192.0.2.1") && !text.contains("device-1"))
        }
    }

    @Test func embeddedOpenAPIMatchesTheFile() throws {
        let file = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(
            EmbeddedOpenAPI.yaml + "\n" == file,
            "openapi.yaml changed: run Scripts/embed-openapi.sh")
    }

    @Test func openAPIIsServed() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.get("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.text == EmbeddedOpenAPI.yaml)
        }
    }

    @Test func routesAndOpenAPIPathsAgree() throws {
        let harness = try ServerHarness()
        let routes = Set(
            buildRouter(harness.runtime).routes.map { route in
                "\(route.method.rawValue) " + Self.openAPIPath(route.path.description)
            })
        let documented = Set(Self.documentedOperations(EmbeddedOpenAPI.yaml))
        #expect(routes == documented)
        #expect(routes.count == 18)
    }

    @Test func gracefulShutdownDrainsAndCommitsQueuedWrites() async throws {
        let harness = try ServerHarness()
        let writer = harness.runtime.writer
        let gate = DispatchSemaphore(value: 0)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [writer], logger: ServerHarness.quietLogger))
        try await withThrowingTaskGroup(of: Int.self) { tasks in
            tasks.addTask {
                try await group.run()
                return 0
            }
            let started = Flag()
            tasks.addTask {
                try await writer.perform { _ in
                    started.set()
                    gate.wait()
                }
                return 0
            }
            await waitUntil { started.isSet }
            for index in 0..<3 {
                tasks.addTask {
                    let report = Report.fixture(reporter: "shutdown-\(index)", source: .http)
                    return try await writer.write([report], hashes: [nil]).count
                }
            }
            await waitUntil { writer.queueDepth == 3 }
            // SIGTERM arrives while three requests wait for the writer.
            await group.triggerGracefulShutdown()
            gate.signal()
            var written = 0
            for try await count in tasks { written += count }
            #expect(written == 3)
        }
        #expect(try harness.storedTotals().stored == 3)
        // After shutdown, writes are refused rather than lost.
        await #expect(throws: WriteRefusal.self) {
            try await writer.write([Report.fixture()], hashes: [nil])
        }
    }

    // MARK: Helpers

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Hummingbird's `{slug}` / `:slug` captures as OpenAPI `{slug}`; the incident id's `**` as `{id}`.
    static func openAPIPath(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map { part -> String in
            if part == "**" { return "{id}" }
            if part.hasPrefix(":") { return "{\(part.dropFirst())}" }
            return String(part)
        }
        if parts.isEmpty { parts = [] }
        return "/" + parts.joined(separator: "/")
    }

    /// `METHOD /path` for every operation under `paths:` in the document.
    static func documentedOperations(_ yaml: String) -> [String] {
        var operations: [String] = []
        var inPaths = false
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") {
                inPaths = true
                continue
            }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let currentPath, line.hasPrefix("    ") && !line.hasPrefix("     ") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "delete", "patch", "head"].contains(String(method)) {
                    operations.append("\(method.uppercased()) \(currentPath)")
                }
            }
        }
        return operations
    }
}
