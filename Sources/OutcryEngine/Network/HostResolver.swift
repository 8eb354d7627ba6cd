import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves host names to addresses with the system resolver (`getaddrinfo`), off the cooperative pool.
package enum HostResolver {
    /// Why a host could not be resolved.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        package var host: String
        package var reason: String
        package var description: String { "cannot resolve \(host): \(reason)" }
    }

    /// Every address `host` resolves to (an IP literal resolves to itself). Runs `getaddrinfo` on a dispatch
    /// queue; when the calling task is cancelled it returns at once with `CancellationError` (the lookup
    /// finishes in the background and is dropped).
    package static func addresses(of host: String) async throws -> [IPAddress] {
        let box = PendingBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[IPAddress], any Error>) in
                let cancelled = box.state.withLock { pending in
                    if pending.isCancelled { return true }
                    pending.continuation = continuation
                    return false
                }
                if cancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                DispatchQueue.global().async {
                    let result = blockingLookup(host)
                    box.state.withLock { $0.continuation.take() }?.resume(with: result)
                }
            }
        } onCancel: {
            let waiting = box.state.withLock { pending in
                pending.isCancelled = true
                return pending.continuation.take()
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    private struct Pending {
        var continuation: CheckedContinuation<[IPAddress], any Error>?
        var isCancelled = false
    }

    /// Shares one ``Pending`` between the lookup, the waiting task and its cancellation handler.
    private final class PendingBox: Sendable {
        let state = Mutex(Pending())
    }

    /// `getaddrinfo` for stream sockets of any family; every distinct address, in the resolver's order.
    private static func blockingLookup(_ host: String) -> Result<[IPAddress], any Error> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            return .failure(Failure(host: host, reason: reason))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry {
            if let address = address(of: current.pointee), !addresses.contains(address) { addresses.append(address) }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(Failure(host: host, reason: "no addresses")) }
        return .success(addresses)
    }

    private static func address(of info: addrinfo) -> IPAddress? {
        guard let socketAddress = info.ai_addr else { return nil }
        switch info.ai_family {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                var raw = pointer.pointee.sin_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                var raw = pointer.pointee.sin6_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        default:
            return nil
        }
    }
}
