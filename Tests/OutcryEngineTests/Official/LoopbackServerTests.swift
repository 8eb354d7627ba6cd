import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import OutcryTestSupport
import Testing

/// The test server itself: what other tests rely on when they fetch status pages or receive webhooks.
@Suite(.timeLimit(.minutes(10))) struct LoopbackServerTests {
    @Test func answersWithTheHandlersReplyAndRecordsTheRequest() async throws {
        try await LoopbackHTTPServer.run(handler: { request in
            .json(#"{"echo":"\#(request.bodyText)"}"#, status: request.method == "POST" ? 201 : 200)
        }) { server in
            #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
            var request = HTTPClientRequest(url: server.url("/hook?x=1"))
            request.method = .POST
            request.headers.add(name: "X-Test", value: "yes")
            request.body = .bytes(ByteBuffer(string: "hello"))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            #expect(response.status.code == 201)
            #expect(String(buffer: body) == #"{"echo":"hello"}"#)
            let received = server.received
            #expect(received.count == 1)
            #expect(received.first?.path == "/hook?x=1")
            #expect(received.first?.headers["x-test"] == "yes")
        }
    }
}
