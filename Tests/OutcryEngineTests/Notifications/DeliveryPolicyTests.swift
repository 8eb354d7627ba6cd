import Crypto
import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// The pure parts of delivery: the payload, the signature, how HTTP answers are judged, the backoff.
@Suite(.timeLimit(.minutes(10))) struct DeliveryPolicyTests {
    @Test func payloadIsTheIncidentObjectPlusTheEventFields() throws {
        let incident = Incident.fixture()
        let change = IncidentChange(kind: .opened, incident: incident, occurredAt: incident.detectedAt)
        let text = try NotificationPayload.json(for: change, eventID: 42)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "opened")
        #expect(object["event_id"] as? Int == 42)
        #expect(object["occurred_at"] as? String == incident.detectedAt.iso8601)
        #expect(object["label"] as? String == "unofficial")
        #expect(object["id"] as? String == incident.id)
        #expect(object["status"] as? String == "open")
        #expect(object["official"] is NSNull && object["ended_at"] is NSNull)
        // Every key of the public incident JSON is there, and only the three event keys besides.
        let plain = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(incident)) as? [String: Any])
        #expect(Set(object.keys) == Set(plain.keys).union(["event", "event_id", "occurred_at"]))
        // Built once: the same change gives the same bytes.
        #expect(try NotificationPayload.json(for: change, eventID: 42) == text)
    }

    @Test func aTestEventsPayloadSaysItIsATest() throws {
        let text = NotificationPayload.test(hookID: 3, now: Instants.outageAfternoon)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            object["event"] as? String == "test" && object["test"] as? Bool == true && object["hook_id"] as? Int == 3)
        #expect(object["label"] as? String == "unofficial")
    }

    @Test func signatureIsHMACSHA256OfTimestampDotBody() {
        let body = #"{"event":"opened"}"#
        let timestamp = Timestamp(seconds: 1_709_651_100)
        let key = SymmetricKey(data: Array("the-receivers-secret".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("1709651100.\(body)".utf8), using: key)
        let expected = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        #expect(WebhookSignature.header(secret: "the-receivers-secret", timestamp: timestamp, body: body) == expected)
        #expect(WebhookSignature.isValid(expected, secret: "the-receivers-secret", timestamp: timestamp, body: body))
        #expect(!WebhookSignature.isValid(expected, secret: "another-secret-value", timestamp: timestamp, body: body))
        #expect(
            !WebhookSignature.isValid(
                expected, secret: "the-receivers-secret", timestamp: timestamp.adding(seconds: 1), body: body))
    }

    @Test(arguments: [
        (200, "delivered"), (204, "delivered"), (500, "retry"), (503, "retry"), (408, "retry"), (429, "retry"),
        (400, "failed"), (404, "failed"), (410, "failed"), (301, "failed"), (302, "failed"),
    ])
    func httpStatusDecidesBetweenDeliveredRetryAndFailed(status: Int, expected: String) {
        let outcome = DeliveryOutcome.forHTTPStatus(status)
        let kind: String =
            switch outcome {
            case .delivered: "delivered"
            case .retry: "retry"
            case .failed: "failed"
            case .deferred: "deferred"
            }
        #expect(kind == expected)
        #expect(outcome.httpStatus == status)
    }

    @Test func retryAfterInSecondsIsKept() {
        #expect(
            DeliveryOutcome.forHTTPStatus(429, retryAfter: " 120 ")
                == .retry(httpStatus: 429, error: "HTTP 429", retryAfterSeconds: 120))
        #expect(
            DeliveryOutcome.forHTTPStatus(503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT")
                == .retry(httpStatus: 503, error: "HTTP 503", retryAfterSeconds: nil))
    }

    @Test func backoffDoublesFromThirtySecondsUpToAnHour() {
        let settings = NotificationSettings()
        #expect(
            (1...9).map { settings.backoffSeconds(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(settings.backoffSeconds(afterAttempt: 1000) == 3600)
        #expect(settings.maximumAttempts == 8)
    }
}
