import Foundation
import Glibc
import HTTPTypes
import HummingbirdTesting
import OutcryServer
import Testing

/// Connections on a real loopback socket: an idle connection, or one that never finishes its request head, is
/// closed after the idle timeout; a connection above the cap is answered 503 and closed at once.
@Suite(.timeLimit(.minutes(10))) struct ConnectionLimitTests {
    /// The cap, without an idle timeout, so nothing closes on its own however slow the machine is.
    @Test func connectionsAboveTheCapAreRefused() async throws {
        let harness = try ServerHarness(configure: { settings in
            settings.idleTimeoutSeconds = 0
            settings.maximumConnections = 3
        })
        try await harness.application.test(.live) { client in
            let port = try #require(client.port)
            // The test client's own connection counts: open it with a request.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            // Two more connections, each proven open (and counted) by a request answered on it.
            let first = try await RawConnection.open(port: port)
            let second = try await RawConnection.open(port: port)
            #expect(try await first.request("/healthz").hasPrefix("HTTP/1.1 200"))
            #expect(try await second.request("/healthz").hasPrefix("HTTP/1.1 200"))

            // A fourth is above the cap: answered 503 and closed at once, before it sends anything.
            let fourth = try await RawConnection.open(port: port)
            let (refused, end) = try await fourth.readUntilClosed()
            #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused)")
            #expect(refused.contains("too many open connections"))
            #expect(end == .closed)

            // Closing one makes room again.
            first.close()
            var served = ""
            for _ in 0..<50 where !served.hasPrefix("HTTP/1.1 200") {
                let next = try await RawConnection.open(port: port)
                served = (try? await next.request("/healthz")) ?? ""
                next.close()
            }
            #expect(served.hasPrefix("HTTP/1.1 200"))
            for connection in [second, fourth] { connection.close() }
        }
    }

    /// A connection left idle, or that never finishes its request head, is closed after the idle timeout (1 s;
    /// reads give up after 5 s, so the test waits about a second on the wall clock).
    @Test func idleAndSlowConnectionsAreClosed() async throws {
        let harness = try ServerHarness(configure: { settings in
            settings.idleTimeoutSeconds = 1
        })
        try await harness.application.test(.live) { client in
            let port = try #require(client.port)
            let idle = try await RawConnection.open(port: port)
            #expect(try await idle.request("/healthz").hasPrefix("HTTP/1.1 200"))
            let slow = try await RawConnection.open(port: port)
            try await slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            #expect(try await idle.readUntilClosed().end == .closed)
            #expect(try await slow.readUntilClosed().end == .closed)
            idle.close()
            slow.close()
        }
    }
}

/// A blocking TCP client socket on 127.0.0.1; every blocking call runs on its own thread, never on the
/// cooperative pool, and every read gives up after 5 s.
final class RawConnection: @unchecked Sendable {
    enum ReadEnd: Equatable { case closed, timedOut }

    struct SocketError: Error { var what: String }

    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func open(port: Int) async throws -> RawConnection {
        try await onThread {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw SocketError(what: "socket") }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                Glibc.close(descriptor)
                throw SocketError(what: "connect")
            }
            return RawConnection(descriptor: descriptor)
        }
    }

    func send(_ text: String) async throws {
        let bytes = Array(text.utf8)
        try await Self.onThread {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent == bytes.count else { throw SocketError(what: "send") }
        }
    }

    /// Sends `GET path` and reads until the body announced by `Content-Length` arrived (or the connection ends).
    func request(_ path: String, host: String = "127.0.0.1") async throws -> String {
        try await send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        return try await Self.onThread {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[0..<count]
                let text = String(decoding: received, as: UTF8.self)
                if let headEnd = text.range(of: "\r\n\r\n") {
                    let head = text[..<headEnd.lowerBound].lowercased()
                    let length =
                        head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                        ?? 0
                    if text.utf8.count - text[..<headEnd.upperBound].utf8.count >= length { break }
                }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Reads until the server closes the connection or a read waits 5 s: what arrived, and how it ended.
    func readUntilClosed() async throws -> (text: String, end: ReadEnd) {
        try await Self.onThread {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    received += buffer[0..<count]
                    continue
                }
                let end: ReadEnd = count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? .timedOut : .closed
                return (String(decoding: received, as: UTF8.self), end)
            }
        }
    }

    func close() { Glibc.close(descriptor) }

    private static func onThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
