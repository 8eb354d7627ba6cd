import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutcryEngine
import OutcryModel
import OutcryServer
import OutcryStore
import OutcryTestSupport
import Testing

extension ServerHarness {
    /// Adds an API token to the daemon's database and makes the daemon see it now; returns its text.
    func addToken(_ name: String, relay: Bool, rate: Double? = nil) throws -> String {
        let database = try OutcryDatabase(path: path, now: clock.now())
        defer { database.close() }
        let text = APITokenText.generate()
        _ = try database.addAPIToken(
            name: name, hash: APITokenText.digest(text), isRelay: relay, reportsPerSecond: rate, now: clock.now())
        runtime.tokens.invalidate()
        return text
    }

    func revokeToken(_ name: String) throws {
        let database = try OutcryDatabase(path: path, now: clock.now())
        defer { database.close() }
        _ = try database.revokeAPIToken(named: name, now: clock.now())
        runtime.tokens.invalidate()
    }

    /// One column of every stored report, oldest first.
    func storedColumn(_ sql: String) throws -> [Int64] {
        let database = try OutcryDatabase(path: path, now: clock.now())
        defer { database.close() }
        let statement = try database.connection.prepare(sql)
        var values: [Int64] = []
        while try statement.step() { values.append(statement.int64(at: 0)) }
        return values
    }
}

extension TestClientProtocol {
    /// `POST /v1/reports` with `Authorization: Bearer TOKEN` (or any header value given).
    @discardableResult
    func postReports(_ json: String, authorization: String, client: String = "192.0.2.1") async throws -> TestResponse {
        try await execute(
            uri: "/v1/reports", method: .post,
            headers: [
                .contentType: "application/json", .authorization: authorization,
                HTTPField.Name("X-Forwarded-For")!: client,
            ],
            body: ByteBuffer(string: json))
    }
}

/// A body of `count` reports for whatsapp/US, each with its own made-up reporter id.
private func batch(_ count: Int, prefix: String = "fake", at: String? = nil) -> String {
    "[" + (0..<count).map { reportJSON(at: at, reporter: "\(prefix)-\($0)") }.joined(separator: ",") + "]"
}

/// The trust model: anonymous reports are their network's, relays vouch for their ids, nothing else counts.
@Suite(.timeLimit(.minutes(10)))
struct TrustModelTests {
    // MARK: Anonymous reports

    @Test func reporterIdsInAnonymousBodiesAreIgnored() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            var counted = 0
            for round in 0..<3 {
                let response = try await client.postReports(
                    batch(1_000, prefix: "round\(round)"), client: "198.51.100.9")
                #expect(response.status == .accepted)
                counted += try response.json()["counted"] as? Int ?? -1
            }
            // 3,000 made-up reporters from one client: one distinct reporter.
            #expect(counted == 1)
        }
        let totals = try harness.storedTotals()
        #expect(totals.stored == 3_000 && totals.counted == 1 && totals.duplicates == 2_999)
    }

    @Test func aBigAnonymousBodyIsRefusedByTheReportRateLimit() async throws {
        let harness = try ServerHarness(configure: {
            $0.rateLimitPerSecond = 0.001
            $0.rateLimitBurst = 120
        })
        try await harness.test { client in
            let big = try await client.postReports(batch(1_000), client: "198.51.100.9")
            #expect(big.status == .contentTooLarge)
            #expect(try big.json()["field"] as? String == "body")
            #expect((try big.json()["error"] as? String)?.contains("at most 120") == true)
            // Reports, not requests: 100 fit, the next 30 do not.
            #expect(try await client.postReports(batch(100), client: "198.51.100.9").status == .accepted)
            let limited = try await client.postReports(batch(30), client: "198.51.100.9")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            // Another network has its own bucket.
            #expect(try await client.postReports(batch(30), client: "198.51.100.10").status == .accepted)
        }
        #expect(try harness.storedTotals().stored == 130)
    }

    @Test(arguments: [
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", true),
        ("2001:db8:1:2::1", "2001:db8:1:3::1", false),
        ("::ffff:198.51.100.7", "198.51.100.7", true),
        ("198.51.100.7", "198.51.100.8", false),
        ("[2001:db8::1]:443", "2001:db8:0:0:9::1", true),
    ])
    func networksAreIPv4AddressesAndIPv6Slash64s(first: String, second: String, sameReporter: Bool) async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            #expect(try await client.postReports(reportJSON(at: nil), client: first).json()["counted"] as? Int == 1)
            let again = try await client.postReports(reportJSON(at: nil), client: second).json()
            #expect(again["duplicates"] as? Int == (sameReporter ? 1 : 0))
        }
    }

    @Test func anOldTimeIsRefusedAndARecentOneBecomesTheArrivalTime() async throws {
        let harness = try ServerHarness()  // now: 2024-03-05T15:00:00Z
        try await harness.test { client in
            let old = try await client.postReports(reportJSON(at: "2024-03-05T14:50:00Z"))
            #expect(old.status == .badRequest)
            #expect(try old.json()["field"] as? String == "at")
            #expect((try old.json()["error"] as? String)?.contains("5 minutes") == true)
            #expect(try await client.postReports(reportJSON(at: "2024-03-05T14:57:30Z")).status == .accepted)
        }
        #expect(try harness.storedColumn("SELECT at FROM report") == [Instants.outageAfternoon.seconds])
    }

    @Test func oneNetworkCountsAtMostOncePerFifteenMinutes() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            for _ in 0..<45 {
                try await client.postReports(reportJSON(at: nil), client: "203.0.113.50")
                harness.clock.advance(seconds: 60)
            }
        }
        let counted = try harness.storedColumn("SELECT at FROM report WHERE counted = 1")
        // Minutes 0, 15 and 30: never two in any 15-minute window.
        #expect(counted.count == 3)
        for (earlier, later) in zip(counted, counted.dropFirst()) { #expect(later - earlier >= 900) }
    }

    // MARK: Forwarded-for

    @Test func theClientIsTheRightmostForwardedEntryForOneProxy() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            #expect(
                try await client.postReports(reportJSON(at: nil), client: "203.0.113.9").json()["counted"] as? Int == 1)
            // The client wrote "6.6.6.6"; the proxy appended the real address.
            for forged in ["6.6.6.6, 203.0.113.9", "7.7.7.7,8.8.8.8, 203.0.113.9"] {
                let response = try await client.postReports(reportJSON(at: nil), client: forged)
                #expect(try response.json()["duplicates"] as? Int == 1)
            }
        }
    }

    @Test func twoProxyHopsTakeTheSecondEntryFromTheRight() {
        #expect(ClientNetwork.forwarded(["6.6.6.6, 203.0.113.9, 10.0.0.2"], hops: 2)?.description == "203.0.113.9")
        #expect(ClientNetwork.forwarded(["6.6.6.6", "203.0.113.9"], hops: 1)?.description == "203.0.113.9")
        #expect(ClientNetwork.forwarded(["203.0.113.9"], hops: 3)?.description == "203.0.113.9")
        #expect(ClientNetwork.forwarded(["1.2.3.4, unknown"], hops: 1) == nil)
        #expect(ClientNetwork.forwarded([], hops: 1) == nil)
    }

    @Test(arguments: ["1.2.3", "1.2.3.256", "01234.1.1.1", "1::2::3", "12345::", "::g", "[::1", "", " , "])
    func malformedAddressesAreNotNetworks(text: String) {
        #expect(ClientNetwork(text: Substring(text)) == nil)
    }

    @Test func networksPrintCanonically() {
        #expect(ClientNetwork(text: "2001:DB8:0:1:2:3:4:5")?.description == "2001:db8:0:1::/64")
        #expect(ClientNetwork(text: "::ffff:10.1.2.3")?.reporterID == "net:10.1.2.3")
        #expect(ClientNetwork(text: "203.0.113.7:4711")?.description == "203.0.113.7")
        #expect(ClientNetwork(text: "::1")?.description == "0:0:0:0::/64")
    }

    @Test func socketPeersAreReadLikeTheirText() throws {
        for (address, network) in [
            ("203.0.113.7", "203.0.113.7"), ("2001:db8:1:2:3::4", "2001:db8:1:2::/64"), ("::ffff:1.2.3.4", "1.2.3.4"),
            ("::1", "0:0:0:0::/64"),
        ] {
            let peer = try SocketAddress(ipAddress: address, port: 4711)
            #expect(ClientNetwork(peer).description == network)
            #expect(ClientNetwork(text: Substring(address)) == ClientNetwork(peer))
        }
        #expect(ClientNetwork(nil) == .unknown)
    }

    // MARK: Tokens

    @Test(arguments: [
        "Bearer outcry_nosuchtoken", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer " + String(repeating: "x", count: 300),
    ])
    func anUnknownOrMalformedTokenIs401NeverAnonymous(authorization: String) async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            let response = try await client.postReports(reportJSON(at: nil), authorization: authorization)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try response.json()["field"] as? String == "authorization")
        }
        #expect(try harness.storedTotals().stored == 0)
    }

    @Test func aRevokedTokenIs401() async throws {
        let harness = try ServerHarness()
        let token = try harness.addToken("partner", relay: true)
        try await harness.test { client in
            #expect(
                try await client.postReports(reportJSON(at: nil), authorization: "Bearer \(token)").status == .accepted)
            try harness.revokeToken("partner")
            let refused = try await client.postReports(reportJSON(at: nil), authorization: "bearer \(token)")
            #expect(refused.status == .unauthorized)
            #expect((try refused.json()["error"] as? String)?.contains("revoked") == true)
        }
    }

    @Test func relayIdsCountAndAreNamespacedPerToken() async throws {
        let harness = try ServerHarness()
        let first = try harness.addToken("first", relay: true)
        let second = try harness.addToken("second", relay: true)
        try await harness.test { client in
            let ids = (0..<5).map { reportJSON(at: nil, reporter: "user-\($0)") }
            let body = "[" + (ids + [ids[0]]).joined(separator: ",") + "]"
            let one = try await client.postReports(body, authorization: "Bearer \(first)").json()
            #expect(one["counted"] as? Int == 5 && one["duplicates"] as? Int == 1)
            // The same ids from another relay are other people.
            let two = try await client.postReports(body, authorization: "Bearer \(second)").json()
            #expect(two["counted"] as? Int == 5)
            // A relay cannot pose as a network, nor a network as a relay.
            let posing = reportJSON(at: nil, reporter: "net:192.0.2.1")
            #expect(
                try await client.postReports(posing, authorization: "Bearer \(first)").json()["counted"] as? Int == 1)
            #expect(
                try await client.postReports(reportJSON(at: nil), client: "192.0.2.1").json()["counted"] as? Int == 1)
        }
        // The per-relay counts the detector uses.
        #expect(try harness.storedColumn("SELECT largest_relay FROM minute_count WHERE largest_relay > 0") == [6])
        #expect(try harness.storedColumn("SELECT counted FROM relay_minute_count ORDER BY token_id") == [6, 5])
    }

    @Test func aRelayMaySendTimesUpToADayOld() async throws {
        let harness = try ServerHarness()
        let token = try harness.addToken("partner", relay: true)
        try await harness.test { client in
            let yesterday = try await client.postReports(
                reportJSON(at: "2024-03-04T16:00:00Z", reporter: "u1"), authorization: "Bearer \(token)")
            #expect(yesterday.status == .accepted)
            let tooOld = try await client.postReports(
                reportJSON(at: "2024-03-04T14:59:00Z", reporter: "u2"), authorization: "Bearer \(token)")
            #expect(tooOld.status == .badRequest)
            #expect(try tooOld.json()["field"] as? String == "at")
            #expect((try tooOld.json()["error"] as? String)?.contains("24 hours") == true)
        }
        #expect(try harness.storedColumn("SELECT at FROM report") == [Instants.outageAfternoon.seconds - 82_800])
    }

    @Test func aClientTokenIsAnonymousWithItsOwnRate() async throws {
        let harness = try ServerHarness(configure: {
            $0.rateLimitPerSecond = 0.001
            $0.rateLimitBurst = 1
        })
        let token = try harness.addToken("office", relay: false, rate: 10)
        try await harness.test { client in
            let response = try await client.postReports(
                batch(500), authorization: "Bearer \(token)", client: "198.51.100.1")
            #expect(response.status == .accepted)
            // Its reporter ids mean nothing: one network, one counted report.
            #expect(try response.json()["counted"] as? Int == 1)
            // Its bucket holds a minute of its rate.
            let big = try await client.postReports(batch(601), authorization: "Bearer \(token)", client: "198.51.100.1")
            #expect(big.status == .contentTooLarge)
            let old = try await client.postReports(
                reportJSON(at: "2024-03-05T12:00:00Z"), authorization: "Bearer \(token)", client: "198.51.100.1")
            #expect(try old.json()["field"] as? String == "at")
        }
    }

    @Test func theFormFollowsTheSameTrustModel() async throws {
        let harness = try ServerHarness()
        try await harness.test { client in
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: "/services/whatsapp/report", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded",
                        HTTPField.Name("X-Forwarded-For")!: "198.51.100.20",
                    ],
                    body: ByteBuffer(string: "region=US&problem=login"))
                #expect(response.status == .found)
            }
            let bad = try await client.execute(
                uri: "/services/whatsapp/report", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Bearer nope"],
                body: ByteBuffer(string: "region=US&problem=login"))
            #expect(bad.status == .unauthorized)
        }
        let totals = try harness.storedTotals()
        #expect(totals.stored == 3 && totals.counted == 1)
    }
}
