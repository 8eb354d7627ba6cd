import OutcryEngine
import Testing

/// The address classifier behind redirect checks: which addresses are public, property-style over ranges.
@Suite(.timeLimit(.minutes(10))) struct IPAddressTests {
    /// A deterministic spread of values across a range: both ends and points in between.
    static func spread(_ range: ClosedRange<UInt32>, count: UInt32 = 64) -> [UInt32] {
        let width = range.upperBound - range.lowerBound
        return [range.lowerBound, range.upperBound] + (0..<count).map { range.lowerBound + width / count * $0 }
    }

    static func v4(_ value: UInt32) -> IPAddress {
        IPAddress(v4: UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    static func value(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 { a << 24 | b << 16 | c << 8 | d }

    /// Non-public IPv4 ranges (first, last, the words the refusal uses).
    static let nonPublicV4: [(UInt32, UInt32, String)] = [
        (value(0, 0, 0, 0), value(0, 255, 255, 255), "0.0.0.0/8"),
        (value(10, 0, 0, 0), value(10, 255, 255, 255), "private"),
        (value(100, 64, 0, 0), value(100, 127, 255, 255), "100.64.0.0/10"),
        (value(127, 0, 0, 0), value(127, 255, 255, 255), "loopback"),
        (value(169, 254, 0, 0), value(169, 254, 255, 255), "link-local"),
        (value(172, 16, 0, 0), value(172, 31, 255, 255), "private"),
        (value(192, 168, 0, 0), value(192, 168, 255, 255), "private"),
        (value(224, 0, 0, 0), value(239, 255, 255, 255), "multicast"),
        (value(240, 0, 0, 0), value(255, 255, 255, 255), "reserved"),
    ]

    @Test(arguments: 0..<nonPublicV4.count)
    func everyAddressOfANonPublicRangeIsRefused(index: Int) {
        let (first, last, words) = Self.nonPublicV4[index]
        for value in Self.spread(first...last) {
            let address = Self.v4(value)
            #expect(!address.isPublic, "\(address)")
            #expect(address.nonPublicRange?.contains(words) == true, "\(address): \(address.nonPublicRange ?? "-")")
            // The IPv4-mapped IPv6 form is judged by the address it carries.
            let mapped = IPAddress(bytes: Array(repeating: 0, count: 10) + [0xFF, 0xFF] + address.bytes)
            #expect(mapped?.isPublic == false, "::ffff:\(address)")
        }
    }

    @Test func theNeighboursOfNonPublicRangesArePublic() throws {
        let publicValues: [UInt32] = [
            Self.value(1, 0, 0, 0), Self.value(9, 255, 255, 255), Self.value(11, 0, 0, 0),
            Self.value(100, 63, 255, 255), Self.value(100, 128, 0, 0), Self.value(126, 255, 255, 255),
            Self.value(128, 0, 0, 0), Self.value(169, 253, 255, 255), Self.value(169, 255, 0, 0),
            Self.value(172, 15, 255, 255), Self.value(172, 32, 0, 0), Self.value(192, 167, 255, 255),
            Self.value(192, 169, 0, 0), Self.value(223, 255, 255, 255), Self.value(8, 8, 8, 8),
            Self.value(93, 184, 216, 34),
        ]
        for value in publicValues {
            let address = Self.v4(value)
            #expect(address.isPublic, "\(address): \(address.nonPublicRange ?? "")")
            let mapped = try #require(IPAddress(bytes: Array(repeating: 0, count: 10) + [0xFF, 0xFF] + address.bytes))
            #expect(mapped.isPublic, "::ffff:\(address)")
        }
    }

    @Test(arguments: [
        ("::", "unspecified"), ("::1", "loopback"), ("fe80::1", "link-local"), ("febf:ffff::1", "link-local"),
        ("fc00::1", "unique-local"), ("fdff:ffff::1", "unique-local"), ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "IPv4-mapped form of a loopback"), ("::ffff:10.1.2.3", "IPv4-mapped form of a private"),
        ("::ffff:169.254.169.254", "link-local"), ("::127.0.0.1", "IPv4-compatible"),
        ("64:ff9b::a9fe:a9fe", "NAT64 form of a link-local"), ("2002:7f00:1::1", "6to4 form of a loopback"),
        ("2001:db8::1", "documentation"), ("100::1", "reserved"), ("[::1]", "loopback"),
    ])
    func nonPublicIPv6IsNamed(text: String, words: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.nonPublicRange?.contains(words) == true, "\(text): \(address.nonPublicRange ?? "public")")
    }

    @Test(arguments: ["2606:4700::6810:85e5", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "2002:808:808::1"])
    func globalIPv6IsPublic(text: String) throws {
        #expect(try #require(IPAddress(text)).isPublic)
    }

    @Test func textRoundTripsAndJunkIsNotAnAddress() throws {
        #expect(try #require(IPAddress("192.0.2.7")).description == "192.0.2.7")
        #expect(try #require(IPAddress("2001:DB8:0::1")).description == "2001:db8::1")
        for junk in ["", "localhost", "127.1", "1.2.3.4.5", "::g", "[::1", "256.0.0.1"] {
            #expect(IPAddress(junk) == nil, "\(junk)")
        }
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }
}
