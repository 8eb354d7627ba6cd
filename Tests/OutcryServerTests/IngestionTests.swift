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

/// `POST /v1/reports`: batches, validation words, partial mode, limits, and 202 only after COMMIT.
@Suite(.timeLimit(.minutes(10)))
struct IngestionTests {
    @Test func singleReportIsCommittedBeforeTheAnswer() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.postReports(reportJSON())
            #expect(response.status == .accepted)
            #expect(response.text == #"{"accepted":1,"counted":1,"duplicates":0}"#)
            // Committed: a fresh connection sees it while the daemon is still running.
            #expect(try harness.storedTotals().stored == 1)
        }
    }

    @Test func batchCountsDuplicatesOnce() async throws {
        let harness = try ServerHarness()
        // Reporter ids count only from a relay (anonymous reports are their network's).
        let token = try harness.addToken("relay", relay: true)
        try await harness.test { client in
            let body =
                "["
                + [
                    reportJSON(reporter: "a"), reportJSON(at: "2024-03-05T14:56:00Z", reporter: "a"),
                    reportJSON(service: "instagram", reporter: "a"), reportJSON(region: "DE", reporter: "b"),
                ].joined(separator: ",") + "]"
            let response = try await client.postReports(body, authorization: "Bearer \(token)")
            #expect(response.status == .accepted)
            let json = try response.json()
            #expect(json["accepted"] as? Int == 4)
            #expect(json["counted"] as? Int == 3)
            #expect(json["duplicates"] as? Int == 1)
        }
        let totals = try harness.storedTotals()
        #expect(totals.stored == 4 && totals.duplicates == 1)
    }

    @Test func invalidReportRejectsTheWholeBatchNamingFieldAndIndex() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let body =
                "[" + [reportJSON(), reportJSON(reporter: "b"), reportJSON(region: "XX")].joined(separator: ",") + "]"
            let response = try await client.postReports(body)
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json["field"] as? String == "region")
            #expect(json["index"] as? Int == 2)
            // The same words as `outcry import`: the validator's description.
            var expected: String?
            do { _ = try Region.parse("XX") } catch { expected = "\(error)" }
            #expect(expected != nil && json["error"] as? String == expected)
        }
        #expect(try harness.storedTotals().stored == 0)
    }

    @Test func singleObjectErrorHasNoIndex() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.postReports(reportJSON(service: "nosuch"))
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json["field"] as? String == "service")
            #expect(json["index"] == nil)
            #expect((json["error"] as? String)?.contains("not a monitored service") == true)
        }
    }

    @Test(arguments: [
        (#"{"service":"whatsapp""#, "body"),
        ("42", "body"),
        (#"{"region":"US"}"#, "service"),
        (#"{"service":"whatsapp","region":"US","problem":"teleport"}"#, "problem"),
        (#"{"service":"whatsapp","region":"US","at":"2030-01-01T00:00:00Z"}"#, "at"),
    ])
    func badBodiesAnswer400WithTheField(body: String, field: String) async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.postReports(body)
            #expect(response.status == .badRequest)
            #expect(try response.json()["field"] as? String == field)
        }
    }

    @Test func partialModeStoresTheGoodOnesAndListsTheRest() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let body =
                "["
                + [reportJSON(), "7", reportJSON(region: "XX", reporter: "c"), reportJSON(reporter: "d")]
                .joined(separator: ",") + "]"
            let response = try await client.postReports(body, query: "?partial=true")
            #expect(response.status == .accepted)
            let json = try response.json()
            #expect(json["accepted"] as? Int == 2)
            let rejected = try #require(json["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["index"] as? Int } == [1, 2])
            #expect(rejected.map { $0["field"] as? String } == ["report", "region"])
        }
        #expect(try harness.storedTotals().stored == 2)
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let harness = try ServerHarness(configure: { $0.maximumBodyBytes = 1_024 })
        try await harness.test { client in
            let body = "[" + Array(repeating: reportJSON(), count: 40).joined(separator: ",") + "]"
            #expect(body.utf8.count > 1_024)
            let response = try await client.postReports(body)
            #expect(response.status == .contentTooLarge)
            #expect(try response.json()["field"] as? String == "body")
        }
    }

    @Test func moreReportsThanAllowedIs413() async throws {
        let harness = try ServerHarness(configure: { $0.maximumReportsPerRequest = 3 })
        try await harness.test { client in
            let body = "[" + Array(repeating: reportJSON(), count: 4).joined(separator: ",") + "]"
            let response = try await client.postReports(body)
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterPerClient() async throws {
        let harness = try ServerHarness(configure: {
            $0.rateLimitPerSecond = 0.01
            $0.rateLimitBurst = 2
        })
        try await harness.test { client in
            #expect(try await client.postReports(reportJSON(reporter: "1"), client: "198.51.100.1").status == .accepted)
            #expect(try await client.postReports(reportJSON(reporter: "2"), client: "198.51.100.1").status == .accepted)
            let limited = try await client.postReports(reportJSON(reporter: "3"), client: "198.51.100.1")
            #expect(limited.status == .tooManyRequests)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retryAfter >= 1)
            #expect(try limited.json()["error"] != nil)
            // Another client has its own bucket.
            #expect(try await client.postReports(reportJSON(reporter: "4"), client: "198.51.100.2").status == .accepted)
        }
    }

    @Test func fullWriteQueueAnswers503WithRetryAfter() async throws {
        let harness = try ServerHarness(configure: { $0.writeQueueCapacity = 1 })
        let writer = harness.runtime.writer
        let gate = DispatchSemaphore(value: 0)
        try await harness.test { client in
            // Hold the writer's thread so the first request stays queued.
            let started = Flag()
            async let blocked: Void = writer.perform { _ in
                started.set()
                gate.wait()
            }
            await waitUntil { started.isSet }
            async let first = client.postReports(reportJSON(reporter: "first"))
            await waitUntil { writer.queueDepth == 1 }
            let second = try await client.postReports(reportJSON(reporter: "second"))
            #expect(second.status == .serviceUnavailable)
            #expect(second.headers[.retryAfter] != nil)
            gate.signal()
            try await blocked
            #expect(try await first.status == .accepted)
        }
        #expect(try harness.storedTotals().stored == 1)
    }

    @Test func unwritableDatabaseAnswers503AndRecoversByItself() async throws {
        let harness = try ServerHarness()
        let writer = harness.runtime.writer
        try await harness.test { client in
            try await writer.perform { engine in try engine.sqliteDatabase.connection.execute("PRAGMA query_only = ON")
            }
            let refused = try await client.postReports(reportJSON())
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(!writer.isWritable)
            #expect(try await client.get("/readyz").status == .serviceUnavailable)
            // The condition clears: the next request is stored, without a restart.
            try await writer.perform { engine in try engine.sqliteDatabase.connection.execute("PRAGMA query_only = OFF")
            }
            #expect(try await client.postReports(reportJSON()).status == .accepted)
            #expect(writer.isWritable)
        }
        #expect(try harness.storedTotals().stored == 1)
    }

    @Test func reporterDerivedFromClientAddressIsHashedNeverStored() async throws {
        let harness = try ServerHarness()
        let address = "203.0.113.77"
        try await harness.test { client in
            let first = try await client.postReports(reportJSON(reporter: nil), client: address)
            #expect(try first.json()["counted"] as? Int == 1)
            // Same address, same service, within the cooldown: a duplicate, as for any reporter.
            let again = try await client.postReports(
                reportJSON(at: "2024-03-05T14:58:00Z", reporter: nil), client: address)
            #expect(try again.json()["duplicates"] as? Int == 1)
            let other = try await client.postReports(reportJSON(reporter: nil), client: "203.0.113.78")
            #expect(try other.json()["counted"] as? Int == 1)
        }
        let totals = try harness.storedTotals()
        #expect(totals.stored == 3 && totals.anonymous == 0)
        // Neither the database nor its WAL holds the address.
        for file in [harness.path, harness.path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(address.utf8)) == nil, "\(file) holds the raw address")
        }
    }

    @Test func concurrentRequestsShareTransactions() async throws {
        let harness = try ServerHarness()
        let writer = harness.runtime.writer
        let gate = DispatchSemaphore(value: 0)
        try await harness.test { client in
            let started = Flag()
            let blocked = Task {
                try await writer.perform { _ in
                    started.set()
                    gate.wait()
                }
            }
            await waitUntil { started.isSet }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let response = try await client.postReports(reportJSON(reporter: "r\(index)"))
                        return response.status == .accepted ? 1 : 0
                    }
                }
                await waitUntil { writer.queueDepth == 20 }
                gate.signal()
                try await blocked.value
                var accepted = 0
                for try await value in group { accepted += value }
                #expect(accepted == 20)
            }
            // All twenty waited behind the gate and were committed together.
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains("outcry_write_batch_reports_count 1"))
        }
        #expect(try harness.storedTotals().stored == 20)
    }
}
