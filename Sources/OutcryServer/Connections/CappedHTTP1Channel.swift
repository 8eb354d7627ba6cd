import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Hummingbird's HTTP/1 channel with a cap on open connections: a connection accepted above the cap is answered
/// `503` with `Connection: close` at once and closed, so a client holding many idle sockets cannot starve others.
/// (Hummingbird's own `MaximumAvailableConnections` stops accepting instead, which leaves new clients waiting
/// in the kernel's backlog with no answer.) The idle timeout is Hummingbird's: a connection that sends nothing
/// for `idleTimeout` between requests, or does not finish a request head, is closed.
struct CappedHTTP1Channel: ServerChildChannel {
    /// The connection, or nil when it was refused (already answered and closing).
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let accepted: HTTP1Channel.Value?
    }

    let inner: HTTP1Channel
    let counter: ConnectionCounter

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard counter.open() else {
            counter.refused()
            let body = "{\"error\":\"the server has too many open connections; retry in a moment\"}"
            let response =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nRetry-After: 1\r\nConnection: close\r\n\r\n\(body)"
            channel.writeAndFlush(ByteBuffer(string: response)).whenComplete { _ in channel.close(promise: nil) }
            return channel.eventLoop.makeSucceededFuture(Value(channel: channel, accepted: nil))
        }
        let counter = self.counter
        channel.closeFuture.whenComplete { _ in counter.close() }
        return inner.setup(channel: channel, logger: logger).map { Value(channel: channel, accepted: $0) }
    }

    func handle(value: Value, logger: Logger) async {
        guard let accepted = value.accepted else { return }
        await inner.handle(value: accepted, logger: logger)
    }
}

/// Open connections, shared by every accepted channel of one server.
final class ConnectionCounter: Sendable {
    let maximum: Int
    private let count = Atomic<Int>(0)
    private let refusals = Atomic<Int>(0)

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a new connection; false (and nothing counted) when the cap is reached.
    func open() -> Bool {
        while true {
            let current = count.load(ordering: .relaxed)
            guard current < maximum else { return false }
            if count.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    func close() { count.subtract(1, ordering: .relaxed) }

    func refused() {
        refusals.add(1, ordering: .relaxed)
    }

    /// Connections open now.
    var openConnections: Int { count.load(ordering: .relaxed) }
    /// Connections refused since the server started.
    var refusedConnections: Int { refusals.load(ordering: .relaxed) }
}

extension HTTPServerBuilder {
    /// HTTP/1 with an idle timeout and a connection cap (see ``CappedHTTP1Channel``).
    static func cappedHTTP1(idleTimeout: TimeAmount?, counter: ConnectionCounter) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            CappedHTTP1Channel(
                inner: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)),
                counter: counter)
        }
    }
}
