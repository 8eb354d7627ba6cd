#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as bytes (4 or 16, network order), and whether it is a public internet address.
///
/// Redirects chosen by a remote party (a status page, a webhook receiver) may only lead to public addresses:
/// otherwise a page could make the daemon fetch its operator's loopback services, the LAN or a cloud
/// metadata endpoint (169.254.169.254) and record what they answer.
package struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, most significant first.
    package let bytes: [UInt8]

    /// An IPv4 address from its four bytes.
    package init(v4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) { bytes = [a, b, c, d] }

    /// An address from 4 or 16 bytes; nil for any other count.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted IPv4 (`192.0.2.1`) or IPv6 text (`::1`, `::ffff:127.0.0.1`, brackets allowed); nil
    /// otherwise. Only the strict forms: `127.1` or `0x7f.0.0.1` are not addresses here (the resolver, which
    /// does accept them, reports what they mean).
    package init?(_ text: String) {
        var trimmed = Substring(text)
        if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") { trimmed = trimmed.dropFirst().dropLast() }
        var v4 = in_addr()
        if inet_pton(AF_INET, String(trimmed), &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, String(trimmed), &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    package var isIPv4: Bool { bytes.count == 4 }

    /// Whether the address is on the public internet: ``nonPublicRange`` is nil.
    package var isPublic: Bool { nonPublicRange == nil }

    /// The range that makes the address non-public, in words with its prefix (`loopback (127.0.0.0/8)`);
    /// nil for a public address. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms are judged by the
    /// IPv4 address they carry; IPv6 outside global unicast (2000::/3) is never public.
    package var nonPublicRange: String? {
        isIPv4 ? Self.classifyV4(bytes) : Self.classifyV6(bytes)
    }

    private static func classifyV4(_ b: [UInt8]) -> String? {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): "a \"this network\" address (0.0.0.0/8)"
        case (10, _, _): "a private address (10.0.0.0/8)"
        case (100, 64...127, _): "a shared (carrier-grade NAT) address (100.64.0.0/10)"
        case (127, _, _): "a loopback address (127.0.0.0/8)"
        case (169, 254, _): "a link-local address (169.254.0.0/16)"
        case (172, 16...31, _): "a private address (172.16.0.0/12)"
        case (192, 0, 0): "an IETF protocol address (192.0.0.0/24)"
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): "a documentation address (RFC 5737)"
        case (192, 168, _): "a private address (192.168.0.0/16)"
        case (198, 18...19, _): "a benchmarking address (198.18.0.0/15)"
        case (224...239, _, _): "a multicast address (224.0.0.0/4)"
        case (240...255, _, _): "a reserved or broadcast address (240.0.0.0/4)"
        default: nil
        }
    }

    private static func classifyV6(_ b: [UInt8]) -> String? {
        let embedded = Array(b[12..<16])
        let firstTwelveZero = b[0..<12].allSatisfy { $0 == 0 }
        if firstTwelveZero && b[12..<15].allSatisfy({ $0 == 0 }) {
            if b[15] == 0 { return "the unspecified address (::)" }
            if b[15] == 1 { return "a loopback address (::1)" }
        }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
            return classifyV4(embedded).map { "an IPv4-mapped form of \($0)" }
        }
        if firstTwelveZero { return classifyV4(embedded).map { "an IPv4-compatible form of \($0)" } }
        if b[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return classifyV4(embedded).map { "a NAT64 form of \($0)" }
        }
        if b[0] == 0x20 && b[1] == 0x02 {
            return classifyV4(Array(b[2..<6])).map { "a 6to4 form of \($0)" }
        }
        if b[0] == 0xFF { return "a multicast address (ff00::/8)" }
        if b[0] & 0xFE == 0xFC { return "a unique-local address (fc00::/7)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "a link-local address (fe80::/10)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "a site-local address (fec0::/10)" }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 {
            return "a documentation address (2001:db8::/32)"
        }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0 { return "a Teredo address (2001::/32)" }
        if b[0] & 0xE0 != 0x20 { return "a reserved address (outside 2000::/3)" }
        return nil
    }

    /// `192.0.2.1`, `2001:db8::1`.
    package var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else {
            return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
