import OutcryModel

/// Sends an email hook's message through the system's sendmail interface (msmtp, Postfix, Exim all provide
/// one): `SENDMAIL -i -- RECIPIENT…` with the RFC 5322 message on standard input. No SMTP is spoken here.
///
/// Recipients go on the command line (after `--`, and validated so none starts with `-`), never read from
/// the headers (`-t`), so nothing in a message can add one. Exit status 0 means the mail system took it.
enum SendmailTransport {
    /// `sysexits.h` statuses that no retry will fix: usage, data format, unknown user or host, no permission,
    /// configuration.
    static let permanentStatuses: Set<Int32> = [64, 65, 67, 68, 77, 78, 126, 127]

    static func send(_ message: OutgoingNotification, content: AlertContent, timeout: Duration, now: Timestamp) async
        -> DeliveryOutcome
    {
        guard let program = message.endpoint, !program.isEmpty else {
            return .failed(
                httpStatus: nil, error: "the email hook has no sendmail program; add it again with --sendmail PATH")
        }
        let recipients: [EmailAddress]
        let from: EmailAddress
        do {
            recipients = try EmailAddress.parseList([message.target])
            from = try EmailAddress.parse(message.mailFrom ?? "")
        } catch {
            return .failed(httpStatus: nil, error: "the email hook's addresses are not valid: \(error)")
        }
        let messageID =
            content.isTest
            ? "outcry.test.\(message.hookID).\(now.seconds)@\(from.domain)"
            : "outcry.\(message.eventID).\(message.hookID)@\(from.domain)"
        let email = EmailMessage.render(content, from: from, to: recipients, date: now, messageID: messageID)
        let ending = await ProcessRunner.run(
            executable: program, arguments: ["-i", "--"] + recipients.map(\.text), input: Array(email.utf8),
            timeout: timeout
        )
        switch ending {
        case .cannotPrepare(let error):
            return .retry(httpStatus: nil, error: "cannot prepare the email: \(error)", retryAfterSeconds: nil)
        case .cannotStart(let error):
            return .failed(httpStatus: nil, error: "cannot start \(program): \(error)")
        case .timedOut:
            return .retry(
                httpStatus: nil, error: "sendmail did not finish within \(timeout.humanReadable) and was killed",
                retryAfterSeconds: nil
            )
        case .exited(0, _):
            return .delivered(httpStatus: nil)
        case .exited(let status, let stderr) where permanentStatuses.contains(status):
            return .failed(
                httpStatus: nil,
                error: "sendmail refused the email (exit status \(status))\(CommandTransport.detail(stderr))")
        case .exited(let status, let stderr):
            return .retry(
                httpStatus: nil, error: "sendmail exited with status \(status)\(CommandTransport.detail(stderr))",
                retryAfterSeconds: nil
            )
        case .signalled(let signal, let stderr):
            return .retry(
                httpStatus: nil, error: "sendmail was killed by signal \(signal)\(CommandTransport.detail(stderr))",
                retryAfterSeconds: nil
            )
        }
    }
}
