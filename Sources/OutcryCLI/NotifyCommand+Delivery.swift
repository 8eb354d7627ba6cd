import ArgumentParser
import OutcryEngine
import OutcryModel
import OutcryStore

extension NotifyCommand {
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the delivery log, newest attempt first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Attempts to show.") var limit = 50
        @Option(help: "Only this hook's attempts.") var hook: Int64?

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let attempts = try engine.notificationLog(limit: limit, hookID: hook)
            let console = Console.current
            guard !attempts.isEmpty else {
                console.line("no delivery attempts yet")
                return
            }
            var table = TextTable(
                headers: ["TIME", "HOOK", "EVENT", "INCIDENT", "ATTEMPT", "OUTCOME", "HTTP", "MS", "ERROR"],
                rightAligned: [1, 4, 6, 7]
            )
            for attempt in attempts {
                table.add([
                    attempt.at.iso8601, String(attempt.hookID), "\(attempt.eventKind.rawValue) #\(attempt.eventID)",
                    attempt.incidentID, String(attempt.attempt), attempt.outcome.rawValue,
                    attempt.httpStatus.map(String.init) ?? "-", String(attempt.durationMilliseconds),
                    // Errors quote the receiver's answer or a command's output: remote text.
                    TerminalText.sanitized(attempt.error ?? ""),
                ])
            }
            console.write(table.render())
        }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver the notifications due now, once (for cron, when the daemon is not running).",
            discussion: "Exits with status 1 when a delivery failed for good (it will not be retried)."
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Seconds a webhook receiver has to answer.") var timeout = 10
        @Option(help: "Seconds an exec hook (or sendmail) may run before it is killed.") var commandTimeout = 30
        @OptionGroup var link: PublicURLOption

        func validate() throws {
            guard timeout > 0, commandTimeout > 0 else { throw ValidationError("timeouts must be at least 1 second") }
        }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let sender = NotificationSender(
                clock: engine.clock, requestTimeout: .seconds(timeout), commandTimeout: .seconds(commandTimeout),
                publicURL: link.publicURL
            )
            let results = try await engine.deliverDueNotifications(sender: sender)
            let console = Console.current
            guard !results.isEmpty else {
                console.line("nothing to deliver")
                return
            }
            for result in results { console.line(TerminalText.sanitized(Self.describe(result))) }
            let delivered = results.filter { $0.state == .delivered }.count
            let failed = results.filter { $0.state == .failed }.count
            let waiting = results.count - delivered - failed
            console.line("\(delivered) delivered, \(waiting) to retry later, \(failed) failed for good")
            if failed > 0 { throw ExitCode.failure }
        }

        static func describe(_ result: DeliveryResult) -> String {
            let what = "\(result.eventKind.rawValue) #\(result.eventID) (\(result.incidentID)) to hook \(result.hookID)"
            switch result.outcome {
            case .delivered(let status):
                return "delivered \(what)" + (status.map { " (HTTP \($0))" } ?? "")
            case .deferred:
                return "held back \(what): an earlier event for this hook waits for its retry"
            case .retry(_, let error, _), .failed(_, let error):
                if result.state == .failed { return "failed \(what) for good: \(error)" }
                let next = result.nextAttemptAt.map { ", retrying at \($0.iso8601)" } ?? ""
                return "could not deliver \(what) (attempt \(result.attempt)): \(error)\(next)"
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a test event to one hook now, through its real transport.",
            discussion: """
                Webhooks and exec hooks get "event": "test" about no incident. Native notifiers get a sample
                unofficial incident marked TEST in their own format; PagerDuty gets a trigger and then a resolve
                of the sample's dedup key, so no test alert stays open. Nothing is stored; exits with status 1
                when the hook did not take it.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The hook id (see outcry notify list).") var id: Int64
        @Option(help: "Seconds to wait for the receiver (or the command).") var timeout = 10
        @OptionGroup var link: PublicURLOption

        func validate() throws {
            guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
        }

        func run() async throws {
            let engine = try global.openEngine()
            defer { engine.close() }
            let sender = NotificationSender(
                clock: engine.clock, requestTimeout: .seconds(timeout), commandTimeout: .seconds(timeout),
                publicURL: link.publicURL
            )
            let hook = try engine.notificationHook(id: id)
            let outcome = try await engine.sendTestNotification(hookID: id, sender: sender)
            let console = Console.current
            switch outcome {
            case .delivered(let status):
                let kind = hook.kind == .webhook || hook.kind == .exec ? "" : " (\(hook.kind.rawValue))"
                let what = hook.kind == .pagerduty ? "the test trigger and resolve" : "the test event"
                console.line("hook \(id)\(kind) took \(what)" + (status.map { " (HTTP \($0))" } ?? ""))
            case .retry(_, let error, _), .failed(_, let error):
                console.line(TerminalText.sanitized("hook \(id) did not take the test event: \(error)"))
                throw ExitCode.failure
            case .deferred:
                throw ExitCode.failure
            }
        }
    }
}
