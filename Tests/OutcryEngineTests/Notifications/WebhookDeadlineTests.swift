import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// A webhook receiver cannot hold a delivery past the deadline by dribbling its answer, and what it answers
/// reaches the delivery log bounded and without control characters.
@Suite(.timeLimit(.minutes(10))) struct WebhookDeadlineTests {
    /// Before the deadline, quoting the first 200 bytes of this answer took 40 s (a byte every 200 ms, each
    /// under the 10 s read timeout); now the attempt ends after the 1 s deadline (the bound leaves room for
    /// a machine busy with the whole parallel test run).
    @Test(arguments: [500, 404])
    func aDribbledAnswerEndsAtTheDeadline(status: Int) async throws {
        let world = try NotificationWorld()
        let reply = LoopbackHTTPServer.Reply(
            status: status, body: Array(repeating: UInt8(ascii: "x"), count: 1000), dribbleInterval: .milliseconds(200))
        try await LoopbackHTTPServer.run(handler: { _ in reply }) { server in
            try world.addWebhook(server.url("/hook"))
            try world.open()
            let clock = ContinuousClock()
            let started = clock.now
            let result = try #require(try await world.deliver(world.sender(timeout: .seconds(1))).first)
            let elapsed = clock.now - started
            #expect(elapsed < .seconds(15), "took \(elapsed)")
            #expect(result.outcome.error == "no answer within 1 s")
            #expect(result.state == .pending)
        }
    }

    @Test func theQuotedAnswerIsBoundedAndHasNoControlCharacters() async throws {
        let world = try NotificationWorld()
        let body =
            Array("\u{1B}[2J\u{1B}]8;;http://evil\u{07}click\r\nme\u{9B}".utf8)
            + Array(repeating: UInt8(ascii: "y"), count: 100_000)
        try await LoopbackHTTPServer.run(handler: { _ in .init(status: 503, body: body) }) { server in
            try world.addWebhook(server.url("/hook"))
            try world.open()
            let result = try #require(try await world.deliver(world.sender()).first)
            let error = try #require(result.outcome.error)
            #expect(error.hasPrefix("HTTP 503: [2J ]8;;http://evil click  me"), "\(error)")
            #expect(!error.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(error.utf8.count < 300)
            let logged = try #require(try world.engine.notificationLog(limit: 1).first?.error)
            #expect(logged == error)
        }
    }
}
