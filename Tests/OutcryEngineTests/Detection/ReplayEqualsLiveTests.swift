import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// `outcry detect --from --to` must store exactly what a live run ticking along the same reports stored.
@Suite(.timeLimit(.minutes(10))) struct ReplayEqualsLiveTests {
    /// Live ticks up to `last`, as cron would run `outcry detect`: two catch-up calls that do not line up with
    /// a replay's one-day chunks, then one call every `step` minutes around the outage's onset and rise (20
    /// minutes before it to an hour in with a one-minute step, three hours before it to four hours in
    /// otherwise), then one every 11 minutes. (Each call reloads the detector, so every minute for days would
    /// make the test slow.)
    static func liveTicks(step: Int, through last: Timestamp) -> [Timestamp] {
        let outage = OutageFixture.outageStart
        let fineFrom = outage.adding(minutes: step == 1 ? -20 : -3 * 60)
        let fineUntil = outage.adding(minutes: step == 1 ? 60 : 4 * 60)
        var ticks = [OutageFixture.start.adding(minutes: 1001), fineFrom]
        var tick = fineFrom
        while tick < last {
            tick = min(last, tick.adding(minutes: tick < fineUntil ? Int64(step) : 11))
            ticks.append(tick)
        }
        return ticks.filter { $0 <= last }
    }

    @Test(arguments: [1, 7])
    func liveTicksThroughFreshEnginesStoreWhatAReplayStores(step: Int) throws {
        let live = try DetectionWorld("live.sqlite")
        let replayed = try DetectionWorld("replayed.sqlite")
        try live.detectLive(at: Self.liveTicks(step: step, through: OutageFixture.end))
        try replayed.replay(from: OutageFixture.start, to: OutageFixture.end)

        let expected = try replayed.incidents()
        // The comparison is only worth something if the outage was found.
        #expect(DetectionWorld.metaGlobal(expected).count == 3)
        expectSameIncidents(try live.incidents(), expected)
        let expectedEvents = try replayed.groupEvents()
        #expect(expectedEvents.count == 1)
        #expect(try live.groupEvents() == expectedEvents)
    }

    @Test(arguments: [1, 7])
    func liveRunStoppedMidOutageStoresWhatAReplayToThatTickStores(step: Int) throws {
        let middle = OutageFixture.outageStart.adding(minutes: 33)
        let live = try DetectionWorld("live.sqlite")
        let replayed = try DetectionWorld("replayed.sqlite")
        try live.detectLive(at: Self.liveTicks(step: step, through: middle))
        try replayed.replay(from: OutageFixture.start, to: middle)

        let expected = try replayed.incidents()
        #expect(DetectionWorld.metaGlobal(expected).count == 3)
        #expect(expected.contains { $0.status == .open })
        expectSameIncidents(try live.incidents(), expected)
        #expect(try live.groupEvents() == (try replayed.groupEvents()))
    }

    @Test func replayFromLaterStartLearnsTheSameHistoryFirst() throws {
        // A replay of the last day warms up on the days before it, so it matches a replay of all three days.
        let whole = try DetectionWorld("whole.sqlite")
        let lastDay = try DetectionWorld("last-day.sqlite")
        try whole.replay(from: OutageFixture.start, to: OutageFixture.end)
        let dayStart = OutageFixture.end.adding(minutes: -1440)
        let run = try lastDay.replay(from: dayStart, to: OutageFixture.end)
        #expect(run.ticks == 1440)

        let expected = try whole.incidents().filter { $0.endedAt.map { $0 >= dayStart } ?? true }
        #expect(DetectionWorld.metaGlobal(expected).count == 3)
        expectSameIncidents(try lastDay.incidents(), expected)
        #expect(try lastDay.groupEvents() == (try whole.groupEvents()))
    }
}
