import Synchronization

/// What a fake status page served by a ``LoopbackHTTPServer`` answers at `/api/v2/summary.json` and
/// `/api/v2/incidents.json` (404 elsewhere); a test changes the answers between reads.
package final class StatuspageFakePage: Sendable {
    private let replies: Mutex<(summary: LoopbackHTTPServer.Reply, incidents: LoopbackHTTPServer.Reply)>

    /// Starts with the fixtures' page during the outage.
    package init(
        summary: LoopbackHTTPServer.Reply = .json(StatuspageFixtures.summaryJSON),
        incidents: LoopbackHTTPServer.Reply = .json(StatuspageFixtures.incidentsJSON)
    ) {
        replies = Mutex((summary, incidents))
    }

    /// Answers both documents with these replies from now on.
    package func serve(summary: LoopbackHTTPServer.Reply, incidents: LoopbackHTTPServer.Reply) {
        replies.withLock { $0 = (summary, incidents) }
    }

    /// Answers both documents with `reply` from now on.
    package func serveBoth(_ reply: LoopbackHTTPServer.Reply) { serve(summary: reply, incidents: reply) }

    /// The handler to give ``LoopbackHTTPServer/run(handler:_:)``.
    package var handler: LoopbackHTTPServer.Handler {
        { [self] request in
            let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
            let current = replies.withLock { $0 }
            switch path {
            case "/api/v2/summary.json": return current.summary
            case "/api/v2/incidents.json": return current.incidents
            default:
                return LoopbackHTTPServer.Reply(
                    status: 404, headers: ["Content-Type": "text/plain"], body: Array("not found".utf8))
            }
        }
    }

    /// An HTML error page, as a CDN or a login wall sends it.
    package static let htmlPage = LoopbackHTTPServer.Reply(
        status: 200, headers: ["Content-Type": "text/html; charset=utf-8"],
        body: Array("<!DOCTYPE html><html><body><h1>We'll be right back</h1></body></html>".utf8)
    )
}
