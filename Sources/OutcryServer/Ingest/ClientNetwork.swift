import Foundation
package import NIOCore
import OutcryEngine

/// The network an anonymous client is identified by: its IPv4 address, or the /64 prefix of its IPv6 address
/// (one IPv6 subscriber usually holds a whole /64). An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is its
/// IPv4 address. The address itself is kept only in memory (rate limiting) and hashed for the reporter id.
package struct ClientNetwork: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable {
        case ipv4(UInt32)
        /// The first 64 bits of the address.
        case ipv6(UInt64)
        /// No address (a Unix socket, or a router test without one).
        case unknown
    }

    private let kind: Kind

    /// A client without a known address; all such clients share one network.
    package static let unknown = ClientNetwork(kind: .unknown)

    private init(kind: Kind) { self.kind = kind }

    /// An IPv4 address in host byte order.
    package init(ipv4: UInt32) { kind = .ipv4(ipv4) }

    /// An IPv6 address from its 16 bytes in network order.
    package init(ipv6 bytes: some Collection<UInt8>) {
        let array = Array(bytes.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - bytes.count))
        if array[0..<10].allSatisfy({ $0 == 0 }) && array[10] == 0xFF && array[11] == 0xFF {
            kind = .ipv4(UInt32(array[12]) << 24 | UInt32(array[13]) << 16 | UInt32(array[14]) << 8 | UInt32(array[15]))
            return
        }
        var prefix: UInt64 = 0
        for byte in array[0..<8] { prefix = prefix << 8 | UInt64(byte) }
        kind = .ipv6(prefix)
    }

    /// The socket peer's network; ``unknown`` for anything but IPv4 and IPv6.
    package init(_ address: SocketAddress?) {
        // The raw sockaddr, read in place (this runs on every report request): sockaddr_in has the address
        // at bytes 4..<8, sockaddr_in6 at 8..<24, both in network order.
        switch address {
        case .v4(let v4):
            let value = SocketAddress.v4(v4).withSockAddr { pointer, size -> UInt32? in
                guard size >= 8 else { return nil }
                let raw = UnsafeRawPointer(pointer)
                var value: UInt32 = 0
                for offset in 4..<8 { value = value << 8 | UInt32(raw.load(fromByteOffset: offset, as: UInt8.self)) }
                return value
            }
            self = value.map { ClientNetwork(ipv4: $0) } ?? .unknown
        case .v6(let v6):
            let words = SocketAddress.v6(v6).withSockAddr { pointer, size -> (UInt64, UInt32, UInt32)? in
                guard size >= 24 else { return nil }
                let raw = UnsafeRawPointer(pointer)
                func read(_ range: Range<Int>) -> UInt64 {
                    var value: UInt64 = 0
                    for offset in range {
                        value = value << 8 | UInt64(raw.load(fromByteOffset: offset, as: UInt8.self))
                    }
                    return value
                }
                return (read(8..<16), UInt32(read(16..<20)), UInt32(read(20..<24)))
            }
            guard let (prefix, middle, last) = words else {
                self = .unknown
                return
            }
            // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
            self = prefix == 0 && middle == 0xFFFF ? ClientNetwork(ipv4: last) : ClientNetwork(kind: .ipv6(prefix))
        default:
            self = .unknown
        }
    }

    /// Parses an address as written in `X-Forwarded-For`: `203.0.113.7`, `2001:db8::1`, with an optional
    /// port (`203.0.113.7:4711`, `[2001:db8::1]:4711`). Nil for anything else (`unknown`, garbage).
    package init?(text: Substring) {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return nil }
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.contains("."), let colon = text.firstIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
            text = text[..<colon]
        }
        // A `%zone` suffix names the interface, not the address.
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        // Strict dotted-quad IPv4 or RFC 4291 IPv6 text, as the status-page and webhook checks read them.
        guard let address = IPAddress(String(text)) else { return nil }
        if address.isIPv4 {
            self.init(ipv4: address.bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        } else {
            self.init(ipv6: address.bytes)
        }
    }

    /// `203.0.113.7`, `2001:db8:0:1::/64` or `unknown`.
    package var description: String {
        switch kind {
        case .ipv4(let address):
            return "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)"
        case .ipv6(let prefix):
            let groups = (0..<4).map { String(prefix >> (48 - 16 * UInt64($0)) & 0xFFFF, radix: 16) }
            return groups.joined(separator: ":") + "::/64"
        case .unknown:
            return "unknown"
        }
    }

    /// The reporter id of this network's anonymous reports, namespaced so that no relay id can equal it.
    package var reporterID: String { "net:" + description }

    /// The client of a request that came through `hops` reverse proxies of the operator, each appending the
    /// address it received the request from to `X-Forwarded-For`: the `hops`-th entry from the right (the
    /// entries further left were written by the client and prove nothing). Nil when there is no usable entry.
    /// - Parameter values: every `X-Forwarded-For` field of the request, in order.
    package static func forwarded(_ values: [String], hops: Int) -> ClientNetwork? {
        var entries: [Substring] = []
        for value in values { entries += value.split(separator: ",", omittingEmptySubsequences: false) }
        guard !entries.isEmpty else { return nil }
        let position = max(0, entries.count - max(1, hops))
        return ClientNetwork(text: entries[position])
    }
}
