import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OutcryModel

/// Posts a notification to a webhook URL: the JSON body, signed, within a deadline.
///
/// Redirects are never followed (a redirected POST would lose its body, and the receiver, not the operator,
/// would choose where the event goes): a 3xx is a permanent failure that names the status.
enum WebhookTransport {
    /// Bytes of a response body quoted in the delivery log.
    static let quotedBodyBytes = 200

    /// Sends `message` to its URL; never throws: every failure is an outcome.
    ///
    /// The whole exchange must end within `timeout`: the client's deadline covers connecting, sending and the
    /// response head, and the quoted body bytes of a failure are read within what is left of it. The
    /// client's read timeout restarts with every byte, so without this a receiver dribbling its answer could
    /// hold a delivery (and the hook's queue) for half an hour. The body of a success is never read.
    /// - Parameter timestamp: the `X-Outcry-Timestamp`, also signed.
    static func post(
        _ message: OutgoingNotification, timestamp: Timestamp, client: HTTPClient, timeout: Duration
    ) async -> DeliveryOutcome {
        await post(
            to: message.target, body: message.payload, headers: headers(for: message, timestamp: timestamp),
            client: client, timeout: timeout
        )
    }

    /// Posts `body` (JSON) to `url` with `headers` under the same rules: one deadline for the whole exchange,
    /// redirects refused, the start of a refusal's body quoted (sanitized) in the outcome. Native notifiers
    /// use it too, so a provider's error answer (Slack's `invalid_blocks`, PagerDuty's JSON errors) lands in
    /// the delivery log the same way.
    static func post(
        to url: String, body: String, headers: [(String, String)], client: HTTPClient, timeout: Duration
    ) async -> DeliveryOutcome {
        let deadline = NIODeadline.now() + .nanoseconds(timeout.wholeNanoseconds)
        let noAnswer = DeliveryOutcome.retry(
            httpStatus: nil, error: "no answer within \(timeout.humanReadable)", retryAfterSeconds: nil)
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await client.execute(request, deadline: deadline)
            let status = Int(response.status.code)
            var prefix: [UInt8] = []
            if !(200..<300).contains(status) {
                // Only failures are worth quoting: the first bytes, within the time left.
                let left = Duration.nanoseconds(max(0, (deadline - NIODeadline.now()).nanoseconds))
                let body = response.body
                guard let read = try await withDeadline(left, { try await quotedPrefix(of: body) }) else {
                    return noAnswer
                }
                prefix = read
            }
            return .forHTTPStatus(
                status, retryAfter: response.headers.first(name: "Retry-After"), bodyPrefix: oneLine(prefix)
            )
        } catch let error as HTTPClientError {
            return outcome(of: error, timeout: timeout)
        } catch is CancellationError {
            return noAnswer
        } catch {
            return .retry(
                httpStatus: nil, error: "could not reach the receiver: \(shortDescription(error))",
                retryAfterSeconds: nil)
        }
    }

    /// The headers of a generic webhook POST, signed.
    private static func headers(for message: OutgoingNotification, timestamp: Timestamp) -> [(String, String)] {
        var headers = [
            ("Content-Type", "application/json"),
            ("User-Agent", "outcry"),
            ("X-Outcry-Event", message.event),
            ("X-Outcry-Delivery", String(message.eventID)),
            ("X-Outcry-Attempt", String(message.attempt)),
            ("X-Outcry-Timestamp", String(timestamp.seconds)),
        ]
        if let secret = message.secret {
            headers.append(
                (
                    "X-Outcry-Signature-256",
                    WebhookSignature.header(secret: secret, timestamp: timestamp, body: message.payload)
                )
            )
        }
        return headers
    }

    /// At most ``quotedBodyBytes`` of `body`; stops reading there.
    private static func quotedPrefix(of body: HTTPClientResponse.Body) async throws -> [UInt8] {
        var prefix: [UInt8] = []
        for try await chunk in body {
            prefix += chunk.readableBytesView.prefix(quotedBodyBytes - prefix.count)
            if prefix.count >= quotedBodyBytes { break }
        }
        return prefix
    }

    private static func outcome(of error: HTTPClientError, timeout: Duration) -> DeliveryOutcome {
        if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            return .retry(httpStatus: nil, error: "no answer within \(timeout.humanReadable)", retryAfterSeconds: nil)
        }
        if [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
            return .failed(httpStatus: nil, error: "the URL cannot be used: \(error)")
        }
        return .retry(httpStatus: nil, error: "could not reach the receiver: \(error)", retryAfterSeconds: nil)
    }

    /// Printable ASCII on one line, for the log.
    private static func oneLine(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: " ") }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
    }

    private static func shortDescription(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
