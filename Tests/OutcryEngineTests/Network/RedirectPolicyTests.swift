import Foundation
import OutcryEngine
import Testing

/// Which redirects are followed: http(s) only, no https→http downgrade, public addresses only unless
/// private ones are allowed.
@Suite(.timeLimit(.minutes(10))) struct RedirectPolicyTests {
    static func url(_ text: String) throws -> URL { try #require(URL(string: text)) }

    @Test func aDowngradeFromHTTPSToHTTPIsRefused() throws {
        let from = try Self.url("https://status.example.com/api/v2/summary.json")
        let result = RedirectPolicy.target(of: "http://status.example.com/api/v2/summary.json", from: from)
        guard case .failure(let refusal) = result else {
            Issue.record("the downgrade was followed")
            return
        }
        #expect(refusal == .downgrade(to: "http://status.example.com/api/v2/summary.json"))
        #expect(refusal.description.contains("from https to plain http"))
        // Allowing private addresses does not allow downgrades.
        #expect(throws: RedirectRefusal.self) {
            _ = try RedirectPolicy.target(of: "http://127.0.0.1/x", from: from).get()
        }
    }

    @Test func anUpgradeAndSameSchemeRedirectsAreFollowedAndRelativeOnesResolved() throws {
        let plain = try Self.url("http://status.example.com/api/v2/summary.json")
        #expect(
            try RedirectPolicy.target(of: "https://status.example.com/x.json", from: plain).get().absoluteString
                == "https://status.example.com/x.json")
        #expect(
            try RedirectPolicy.target(of: "/moved/summary.json", from: plain).get().absoluteString
                == "http://status.example.com/moved/summary.json")
        let secure = try Self.url("https://status.example.com/a/b.json")
        #expect(
            try RedirectPolicy.target(of: "c.json", from: secure).get().absoluteString
                == "https://status.example.com/a/c.json")
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1:6379/_INFO", "data:,x"])
    func otherSchemesAreRefused(location: String) throws {
        let result = RedirectPolicy.target(of: location, from: try Self.url("https://status.example.com/"))
        guard case .failure(let refusal) = result else {
            Issue.record("\(location) was followed")
            return
        }
        #expect(
            refusal.description.contains("only http and https are followed")
                || refusal.description.contains("not a URL"))
    }

    @Test func nonPublicAddressesAreRefusedUnlessAllowed() throws {
        let target = try Self.url("http://internal.example/x")
        let loopback = try #require(IPAddress("127.0.0.1"))
        let publicAddress = try #require(IPAddress("93.184.216.34"))
        let strict = RedirectPolicy()
        let refusal = try #require(strict.refusal(of: target, addresses: [publicAddress, loopback]))
        #expect(refusal.description.contains("127.0.0.1, a loopback address (127.0.0.0/8)"))
        #expect(refusal.description.contains("--allow-private-addresses"))
        #expect(strict.refusal(of: target, addresses: [publicAddress]) == nil)
        #expect(RedirectPolicy(allowsPrivateAddresses: true).refusal(of: target, addresses: [loopback]) == nil)
    }

    @Test func literalAndResolvedHostsAreCheckedByFollow() async throws {
        let from = try Self.url("http://status.example.com/")
        for location in [
            "http://127.0.0.1:8080/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data/",
            "http://localhost/x", "http://2130706433/x",
        ] {
            do {
                let followed = try await RedirectPolicy().follow(location, from: from)
                Issue.record("\(location) was followed to \(followed)")
            } catch {
                #expect(
                    error.description.contains("redirects must lead to public addresses")
                        || error.description.contains("cannot be resolved"), "\(location): \(error)")
            }
        }
        let allowed = try await RedirectPolicy(allowsPrivateAddresses: true).follow(
            "http://127.0.0.1:8080/x", from: from)
        #expect(allowed.absoluteString == "http://127.0.0.1:8080/x")
    }
}
