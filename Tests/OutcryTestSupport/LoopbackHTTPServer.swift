import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 (a free port) for tests of code that fetches or posts over HTTP: it answers
/// with a handler the test supplies and records every request it received.
///
/// ```swift
/// try await LoopbackHTTPServer.run(handler: { request in .init(status: 200, body: Array(json.utf8)) }) { server in
///     let url = server.url("/api/v2/summary.json")
///     ...
///     #expect(server.received.count == 1)
/// }
/// ```
package final class LoopbackHTTPServer: Sendable {
    /// A request as the server saw it.
    package struct ReceivedRequest: Sendable {
        package var method: String
        /// The path with its query, e.g. `/hook?x=1`.
        package var path: String
        /// Header names lower-cased.
        package var headers: [String: String]
        package var body: [UInt8]

        package var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// What the handler answers.
    package struct Reply: Sendable {
        package var status: Int
        package var headers: [String: String]
        package var body: [UInt8]
        /// Waits this long before answering (to exercise client timeouts); uses the task clock, not the test's.
        package var delay: Duration?
        /// Sends the body one byte at a time, this long apart (a receiver dribbling its answer to stay under a
        /// client's per-read timeout); nil sends it at once.
        package var dribbleInterval: Duration?

        package init(
            status: Int = 200, headers: [String: String] = [:], body: [UInt8] = [], delay: Duration? = nil,
            dribbleInterval: Duration? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.dribbleInterval = dribbleInterval
        }

        /// A redirect to `location` (302 unless told otherwise).
        package static func redirect(to location: String, status: Int = 302) -> Reply {
            Reply(status: status, headers: ["Location": location])
        }

        /// A JSON reply.
        package static func json(_ text: String, status: Int = 200) -> Reply {
            Reply(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
        }
    }

    package typealias Handler = @Sendable (ReceivedRequest) async -> Reply

    /// `http://127.0.0.1:PORT`.
    package let baseURL: String
    private let log: Box

    private init(port: Int, log: Box) {
        self.baseURL = "http://127.0.0.1:\(port)"
        self.log = log
    }

    /// `baseURL + path`.
    package func url(_ path: String) -> String { baseURL + path }

    /// Every request received so far, oldest first.
    package var received: [ReceivedRequest] { log.requests.withLock { $0 } }

    /// Starts a server, runs `body` with it, then stops it.
    package static func run<T: Sendable>(
        handler: @escaping Handler, _ body: (LoopbackHTTPServer) async throws -> T
    ) async throws -> T {
        let log = Box()
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let buffer = try await request.body.collect(upTo: 64 << 20)
            let received = ReceivedRequest(
                method: request.method.rawValue, path: request.uri.description, headers: headers,
                body: Array(buffer.readableBytesView)
            )
            log.requests.withLock { $0.append(received) }
            let reply = await handler(received)
            if let delay = reply.delay { try? await Task.sleep(for: delay) }
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let field = HTTPField.Name(name) { fields[field] = value }
            }
            var body = ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
            if let interval = reply.dribbleInterval {
                let bytes = reply.body
                body = ResponseBody { writer in
                    // Ends early when the client hangs up (the write throws) or the server stops (the sleep throws).
                    for byte in bytes {
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: interval)
                    }
                    try await writer.finish(nil)
                }
            }
            return Response(status: .init(code: reply.status), headers: fields, body: body)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: Logger(label: "outcry.test.loopback") { _ in SwiftLogNoOpLogHandler() }
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var port = 0
            for await value in portStream { port = value }
            let server = LoopbackHTTPServer(port: port, log: log)
            do {
                let result = try await body(server)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    private final class Box: Sendable {
        let requests = Mutex<[ReceivedRequest]>([])
    }
}
