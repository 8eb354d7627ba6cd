import Foundation
import Logging
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Email hooks: an RFC 5322 message handed to a sendmail program (here a script that keeps what it got),
/// with no way for a hostile name to add a header or a recipient.
@Suite(.timeLimit(.minutes(10))) struct EmailNotifierTests {
    /// A parsed message: header lines (continuations unfolded) and the decoded body.
    struct ParsedMail {
        var headers: [(name: String, value: String)]
        var body: String

        init(_ text: String) throws {
            let parts = text.components(separatedBy: "\n\n")
            let head = try #require(parts.first)
            var unfolded: [String] = []
            for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                    unfolded[unfolded.count - 1] += String(line)
                } else {
                    unfolded.append(String(line))
                }
            }
            headers = try unfolded.map { line in
                let colon = try #require(line.firstIndex(of: ":"), "not a header line: \(line)")
                return (
                    String(line[..<colon]),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                )
            }
            let encoded = parts.dropFirst().joined(separator: "\n\n").replacingOccurrences(of: "\n", with: "")
            body = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        }

        func values(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    /// A folder with a fake sendmail that saves its arguments and standard input, then exits with `status`
    /// (printing `message` on standard error).
    final class FakeSendmail {
        let folder = TemporaryDirectory(prefix: "outcry-sendmail")
        let path: String

        init(status: Int = 0, message: String = "") throws {
            path = folder.path("sendmail")
            try folder.write(
                "sendmail",
                """
                #!/bin/sh
                printf '%s\\n' "$@" > '\(folder.path("args"))'
                cat > '\(folder.path("mail"))'
                printf '%s' '\(message)' >&2
                exit \(status)

                """)
            chmod(path, 0o755)
        }

        var arguments: [String] {
            ((try? String(contentsOfFile: folder.path("args"), encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
        }

        var mail: String { (try? String(contentsOfFile: folder.path("mail"), encoding: .utf8)) ?? "" }
    }

    static func world(serviceName: String) throws -> (TemporaryDirectory, Engine, ManualTimeSource) {
        let folder = TemporaryDirectory(prefix: "outcry-email")
        let path = folder.path("outcry.sqlite")
        let database = try OutcryDatabase.file(path, services: [.fixture("whatsapp", name: serviceName, group: "meta")])
        database.close()
        let clock = ManualTimeSource(Instants.outageAfternoon.adding(minutes: 10))
        let engine = try Engine(
            path: path, clock: clock, logger: Logger(label: "outcry-test") { _ in SwiftLogNoOpLogHandler() })
        return (folder, engine, clock)
    }

    @Test func anIncidentIsMailedThroughSendmailWithEveryHeaderAndNoInjection() async throws {
        let hostile = "WhatsApp\r\nBcc: victim@example.net\r\nSubject: free money"
        let (folder, engine, clock) = try Self.world(serviceName: hostile)
        defer { engine.close() }
        _ = folder
        let sendmail = try FakeSendmail()
        let hook = try engine.addNotificationHook(
            kind: .email, target: "ops@example.com, oncall@example.com", endpoint: sendmail.path,
            mailFrom: "outcry@example.org")
        #expect(hook.target == "ops@example.com, oncall@example.com")
        try NotificationFixtures.enqueueOpened(Incident.fixture(), in: engine)
        let sender = NotificationSender(
            clock: clock, commandTimeout: .seconds(10), publicURL: "https://outcry.example.org")
        let results = try await engine.deliverDueNotifications(sender: sender)
        #expect(results.map(\.state) == [.delivered], "\(results.first?.outcome.error ?? "")")

        #expect(sendmail.arguments == ["-i", "--", "ops@example.com", "oncall@example.com"])
        let raw = sendmail.mail
        #expect(!raw.contains("\r"))
        let mail = try ParsedMail(raw)
        for name in [
            "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
        ] {
            #expect(mail.values(name).count == 1, "\(name) appears once")
        }
        #expect(mail.values("Bcc").isEmpty)
        let date = try #require(mail.values("Date").first)
        #expect(
            date.wholeMatch(of: /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000/)
                != nil, "\(date)")
        #expect(mail.values("From") == ["Outcry (unofficial) <outcry@example.org>"])
        #expect(mail.values("To") == ["ops@example.com, oncall@example.com"])
        #expect(mail.values("Content-Type") == ["text/plain; charset=utf-8"])
        #expect(mail.values("MIME-Version") == ["1.0"])
        let eventID = try #require(results.first?.eventID)
        #expect(mail.values("Message-ID") == ["<outcry.\(eventID).\(hook.id)@example.org>"])
        let subject = try #require(mail.values("Subject").first)
        #expect(subject.hasPrefix("Unofficial: likely outage of WhatsApp Bcc: victim@example.net Subject: free money"))
        #expect(mail.body.contains("Unofficial: user reports indicate problems with whatsapp."))
        #expect(mail.body.contains("unofficial"))
        #expect(mail.body.contains("Incident page: https://outcry.example.org/services/whatsapp"))
        #expect(mail.body.contains("Top problems: login 80%"))
    }

    @Test(arguments: [
        (67, "user unknown", DeliveryState.failed, "sendmail refused the email (exit status 67): user unknown"),
        (
            75, "connection refused by smtp.example.org", .pending,
            "sendmail exited with status 75: connection refused by smtp.example.org"
        ),
    ])
    func sendmailsRefusalIsRecordedWithItsText(status: Int, message: String, state: DeliveryState, error: String)
        async throws
    {
        let (folder, engine, clock) = try Self.world(serviceName: "WhatsApp")
        defer { engine.close() }
        _ = folder
        let sendmail = try FakeSendmail(status: status, message: message)
        let hook = try engine.addNotificationHook(
            kind: .email, target: "ops@example.com", endpoint: sendmail.path, mailFrom: "outcry@example.org")
        try NotificationFixtures.enqueueOpened(Incident.fixture(), in: engine)
        let results = try await engine.deliverDueNotifications(
            sender: NotificationSender(clock: clock, commandTimeout: .seconds(10)))
        #expect(results.map(\.state) == [state])
        #expect(try engine.notificationLog(limit: 1, hookID: hook.id).first?.error == error)
    }

    @Test func notifyTestMailsASample() async throws {
        let (folder, engine, clock) = try Self.world(serviceName: "WhatsApp")
        defer { engine.close() }
        _ = folder
        let sendmail = try FakeSendmail()
        let hook = try engine.addNotificationHook(
            kind: .email, target: "ops@example.com", endpoint: sendmail.path, mailFrom: "outcry@example.org")
        let outcome = try await engine.sendTestNotification(hookID: hook.id, sender: NotificationSender(clock: clock))
        #expect(outcome == .delivered(httpStatus: nil))
        let mail = try ParsedMail(sendmail.mail)
        #expect(mail.values("Subject").first?.hasPrefix("Unofficial TEST from Outcry") == true)
        #expect(mail.values("X-Outcry-Test") == ["yes"])
        #expect(mail.body.contains("not a real incident"))
    }

    @Test(arguments: [
        ["ops@example.com\r\nBcc: x@y.z"], ["-oQ/tmp@example.com"], ["ops@example.com, Ops <ops@example.com>"], ["ops"],
        ["ops@exa mple.com"], ["\"quoted\"@example.com"], ["ops@-example.com"], [""],
    ])
    func badRecipientsAreRefusedWhenTheHookIsAdded(recipients: [String]) throws {
        let (folder, engine, _) = try Self.world(serviceName: "WhatsApp")
        defer { engine.close() }
        let sendmail = try FakeSendmail()
        _ = folder
        #expect(throws: EngineError.self) {
            try engine.addNotificationHook(
                kind: .email, target: recipients.joined(separator: ","), endpoint: sendmail.path)
        }
    }

    @Test func aMissingSendmailOrABadFromIsRefusedWhenTheHookIsAdded() throws {
        let (folder, engine, _) = try Self.world(serviceName: "WhatsApp")
        defer { engine.close() }
        #expect(throws: EngineError.self) {
            try engine.addNotificationHook(
                kind: .email, target: "ops@example.com", endpoint: folder.path("no-such-sendmail"))
        }
        #expect(throws: EngineError.self) {
            try engine.addNotificationHook(kind: .email, target: "ops@example.com", endpoint: "sendmail")
        }
        let sendmail = try FakeSendmail()
        #expect(throws: EngineError.self) {
            try engine.addNotificationHook(
                kind: .email, target: "ops@example.com", endpoint: sendmail.path, mailFrom: "a@b\nBcc: c@d")
        }
    }

    @Test func nonASCIISubjectsAreEncodedAndLongOnesFolded() throws {
        let content = AlertContent(
            event: "opened", incident: .fixture(), serviceName: String(repeating: "Ünïcødé 👩‍👩‍👧‍👦 ", count: 8),
            publicURL: nil)
        let from = try EmailAddress.parse("outcry@example.org")
        let text = EmailMessage.render(
            content, from: from, to: [from], date: Instants.outageAfternoon, messageID: "m@example.org")
        let head = try #require(text.components(separatedBy: "\n\n").first)
        for line in head.split(separator: "\n") {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 }, "headers are ASCII")
        }
        #expect(head.contains("Subject: =?UTF-8?B?"))
        let ascii = AlertContent(
            event: "opened", incident: .fixture(), serviceName: String(repeating: "Long name ", count: 20),
            publicURL: nil)
        let folded = EmailMessage.render(
            ascii, from: from, to: [from], date: Instants.outageAfternoon, messageID: "m@example.org")
        let subjectLines = folded.split(separator: "\n").drop { !$0.hasPrefix("Subject:") }.prefix {
            $0.hasPrefix("Subject:") || $0.hasPrefix(" ")
        }
        #expect(subjectLines.count > 1)
        #expect(subjectLines.allSatisfy { $0.count <= 78 }, "\(subjectLines)")
    }
}
