import Foundation
import OutcryEngine
import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Exec hooks: `/bin/sh -c COMMAND` with the event on standard input; exit 0 is delivered.
@Suite(.timeLimit(.minutes(10))) struct ExecHookTests {
    @Test func theCommandGetsTheEventOnStandardInputAndInItsEnvironment() async throws {
        let world = try NotificationWorld()
        let output = world.folder.path("event.json")
        let environment = world.folder.path("env.txt")
        let command =
            "cat > '\(output)'; printf '%s %s %s' \"$OUTCRY_EVENT\" \"$OUTCRY_SERVICE\" \"$OUTCRY_EVENT_ID\" > '\(environment)'"
        try world.engine.addNotificationHook(kind: .exec, target: command)
        let event = try #require(try world.open())
        let results = try await world.deliver(world.sender())
        #expect(results.map(\.state) == [.delivered])
        #expect(results.first?.outcome == .delivered(httpStatus: nil))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == event.payload)
        #expect(try String(contentsOfFile: environment, encoding: .utf8) == "opened whatsapp \(event.id)")
    }

    @Test func aFailingCommandIsRetriedWithWhatItSaid() async throws {
        let world = try NotificationWorld()
        try world.engine.addNotificationHook(kind: .exec, target: "echo 'mail server down' >&2; exit 3")
        try world.open()
        let result = try #require(try await world.deliver(world.sender()).first)
        #expect(result.state == .pending)
        #expect(result.outcome.error == "the command exited with status 3: mail server down")
    }

    @Test func aCommandThatCannotRunFailsForGood() async throws {
        let world = try NotificationWorld()
        try world.engine.addNotificationHook(kind: .exec, target: "/nonexistent/outcry-notifier")
        try world.open()
        let result = try #require(try await world.deliver(world.sender()).first)
        #expect(result.state == .failed)
        #expect(result.outcome.error?.hasPrefix("the command could not run (exit status 127)") == true)
    }

    @Test func aCommandThatNeverReadsItsInputStillWorks() async throws {
        let world = try NotificationWorld()
        try world.engine.addNotificationHook(kind: .exec, target: "true")
        try world.open()
        #expect(try await world.deliver(world.sender()).map(\.state) == [.delivered])
    }

    @Test func aCommandThatOverrunsIsKilledWithItsChildrenAndRetried() async throws {
        let world = try NotificationWorld()
        let pidFile = world.folder.path("child.pid")
        // The shell starts a child and waits for it: both must go when the time is up.
        try world.engine.addNotificationHook(kind: .exec, target: "sleep 600 & echo $! > '\(pidFile)'; wait")
        try world.open()
        let started = ContinuousClock.now
        let result = try #require(try await world.deliver(world.sender(commandTimeout: .milliseconds(300))).first)
        // Far under the child's 600 s: only a kill ends it this early, however busy the machine (16 s was
        // measured once under the whole parallel test run on two shared cores).
        #expect(ContinuousClock.now - started < .seconds(300))
        #expect(result.state == .pending)
        #expect(result.outcome.error == "the command did not finish within 300 ms and was killed")
        let pid = try #require(
            Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!Self.isRunning(pid), "the command's child outlived the timeout")
    }

    /// Whether a process exists and is not a zombie (Linux `/proc`).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }
}
