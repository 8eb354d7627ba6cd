import Foundation
import OutcryModel

/// Runs an exec hook: `/bin/sh -c COMMAND` with the event JSON on standard input and `OUTCRY_*` variables in
/// its environment; exit status 0 means delivered. The command runs in its own process group, which is
/// killed when it overruns the timeout (see ``ProcessRunner``).
enum CommandTransport {
    static func run(_ message: OutgoingNotification, timeout: Duration) async -> DeliveryOutcome {
        let ending = await ProcessRunner.run(
            executable: "/bin/sh", arguments: ["-c", message.target], environment: environment(for: message),
            input: Array(message.payload.utf8), timeout: timeout
        )
        switch ending {
        case .cannotPrepare(let error):
            return .retry(
                httpStatus: nil, error: "cannot prepare the command's input: \(error)", retryAfterSeconds: nil)
        case .cannotStart(let error):
            return .failed(httpStatus: nil, error: "cannot start /bin/sh: \(error)")
        case .timedOut:
            return .retry(
                httpStatus: nil, error: "the command did not finish within \(timeout.humanReadable) and was killed",
                retryAfterSeconds: nil
            )
        case .exited(0, _):
            return .delivered(httpStatus: nil)
        case .exited(let status, let stderr) where status == 126 || status == 127:
            return .failed(httpStatus: nil, error: "the command could not run (exit status \(status))\(detail(stderr))")
        case .exited(let status, let stderr):
            return .retry(
                httpStatus: nil, error: "the command exited with status \(status)\(detail(stderr))",
                retryAfterSeconds: nil)
        case .signalled(let signal, let stderr):
            return .retry(
                httpStatus: nil, error: "the command was killed by signal \(signal)\(detail(stderr))",
                retryAfterSeconds: nil)
        }
    }

    /// `: <standard error>`, or nothing.
    static func detail(_ stderr: String) -> String { stderr.isEmpty ? "" : ": " + stderr }

    /// The environment of the command: ours plus the event's `OUTCRY_*` variables.
    static func environment(for message: OutgoingNotification) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OUTCRY_EVENT"] = message.event
        environment["OUTCRY_EVENT_ID"] = String(message.eventID)
        environment["OUTCRY_HOOK_ID"] = String(message.hookID)
        environment["OUTCRY_ATTEMPT"] = String(message.attempt)
        environment["OUTCRY_INCIDENT_ID"] = message.incidentID ?? ""
        environment["OUTCRY_SERVICE"] = message.service ?? ""
        environment["OUTCRY_LEVEL"] = message.level ?? ""
        return environment
    }
}
