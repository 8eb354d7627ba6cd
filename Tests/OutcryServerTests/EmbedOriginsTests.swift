import OutcryEngine
import OutcryServer
import Testing

/// `--embed-origins`: a strict list of bare web origins that goes into `frame-ancestors` as is.
@Suite(.timeLimit(.minutes(10)))
struct EmbedOriginsTests {
    @Test func originsAreNormalizedAndDeduplicated() throws {
        let list = try EmbedOrigins(
            parsing:
                " https://Example.ORG/ ,http://127.0.0.1:8001,https://example.org:443,http://[::1]:9000,http://a-b.example:80"
        )
        #expect(
            list.origins == ["https://example.org", "http://127.0.0.1:8001", "http://[::1]:9000", "http://a-b.example"])
        #expect(
            list.frameAncestors
                == "frame-ancestors 'self' https://example.org http://127.0.0.1:8001 http://[::1]:9000 http://a-b.example"
        )
        #expect(EmbedOrigins().frameAncestors == "frame-ancestors 'self'")
    }

    @Test(arguments: [
        ("", "entry 1 is empty"),
        ("https://example.org,,https://b.example", "entry 2 is empty"),
        ("https://example.org,", "entry 2 is empty"),
        ("example.org", "does not start with http:// or https://"),
        ("ftp://example.org", "does not start with http:// or https://"),
        ("https://example.org/page", "without a path"),
        ("https://example.org?x=1", "without a path, query"),
        ("https://user@example.org", "user"),
        ("https://*.example.org", "wildcard"),
        ("https://example.org;script-src", "holds \";\""),
        ("https://example.org'", "holds \"'\""),
        ("https://exa mple.org", "a space"),
        ("https://exämple.org", "punycode"),
        ("https://example.org:0", "port that is not a number from 1 to 65535"),
        ("https://example.org:65536", "port"),
        ("https://example.org:99999999999999999999", "port"),
        ("https://example.org:", "port"),
        ("https://-example.org", "valid host name"),
        ("https://example..org", "valid host name"),
        ("https://", "no host"),
        ("https://[::1", "never closes"),
        ("https://[zz]", "IPv6"),
        ("https://[::1]x", "after the IPv6"),
    ])
    func badEntriesAreRefusedByName(list: String, expected: String) {
        #expect {
            _ = try EmbedOrigins(parsing: list)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func theListIsBounded() throws {
        let many = (1...EmbedOrigins.maximumCount).map { "https://s\($0).example" }
        #expect(try EmbedOrigins(parsing: many.joined(separator: ",")).origins.count == EmbedOrigins.maximumCount)
        #expect(throws: EmbedOriginsError.self) {
            try EmbedOrigins(parsing: (many + ["https://one-more.example"]).joined(separator: ","))
        }
        #expect(throws: EmbedOriginsError.self) {
            try EmbedOrigins(parsing: "https://" + String(repeating: "a", count: 300))
        }
    }

    /// Whatever the input, parsing ends in an error or origins made only of characters safe in a CSP header.
    @Test func anyInputGivesAnErrorOrHeaderSafeOrigins() {
        let alphabet = Array("htps:/[]0123456789abcdefxyz.-_,; '\"*@?#%\u{0}\u{7F}é\n")
        var random = SplitMix64(seed: 2_026)
        var accepted = 0
        for round in 0..<3_000 {
            var text = round % 2 == 0 ? "https://" : ""
            for _ in 0..<random.nextInt(below: 40) { text.append(alphabet[random.nextInt(below: alphabet.count)]) }
            guard let list = try? EmbedOrigins(parsing: text) else { continue }
            accepted += 1
            for origin in list.origins {
                #expect(origin.hasPrefix("http://") || origin.hasPrefix("https://"), "\(origin)")
                #expect(
                    origin.utf8.allSatisfy { byte in
                        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || ":/.-[]".utf8.contains(byte)
                    }, "\(origin)")
            }
        }
        #expect(accepted > 0, "some random inputs are valid origins")
    }
}
