import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// Replays replace what they detected, and decide every tick on the reports before it only.
@Suite(.timeLimit(.minutes(10))) struct ReplayTests {
    @Test func replayingTheSameRangeTwiceLeavesTheSameIncidents() throws {
        let world = try DetectionWorld()
        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        let first = try world.incidents()
        let firstEvents = try world.groupEvents()
        #expect(DetectionWorld.metaGlobal(first).count == 3)

        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        expectSameIncidents(try world.incidents(), first)
        #expect(try world.groupEvents() == firstEvents)
    }

    @Test func replayingASubRangeNeitherDuplicatesNorChangesIncidents() throws {
        let world = try DetectionWorld()
        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        let whole = try world.incidents()
        let wholeEvents = try world.groupEvents()

        // From before the outage to after every incident has resolved.
        let from = OutageFixture.outageStart.adding(minutes: -180)
        try world.replay(from: from, to: OutageFixture.outageStart.adding(minutes: 8 * 60))
        expectSameIncidents(try world.incidents(), whole)
        #expect(try world.groupEvents() == wholeEvents)
    }

    @Test func replayingASubRangeEndingMidOutageKeepsOneIncidentPerId() throws {
        let world = try DetectionWorld()
        try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        let whole = try world.incidents()

        try world.replay(
            from: OutageFixture.outageStart.adding(minutes: -60), to: OutageFixture.outageStart.adding(minutes: 30))
        let after = try world.incidents()
        #expect(Set(after.map(\.id)).count == after.count)
        #expect(Set(DetectionWorld.metaGlobal(after).map(\.id)) == Set(DetectionWorld.metaGlobal(whole).map(\.id)))
        #expect(try world.groupEvents().count == 1)
    }

    /// A replay that stops before the live state's last tick must not leave incidents stuck in the state they
    /// had at its end: the live detector (which keeps its later state) has already resolved them and will never
    /// report them again.
    @Test func replayEndingBeforeTheLiveStateLeavesNoIncidentStuckOpen() throws {
        let world = try DetectionWorld()
        try world.detectLive(at: [OutageFixture.end])
        let live = try world.incidents()
        #expect(DetectionWorld.metaGlobal(live).count == 3)
        #expect(live.allSatisfy { $0.status == .resolved })

        try world.replay(
            from: OutageFixture.outageStart.adding(minutes: -60), to: OutageFixture.outageStart.adding(minutes: 30))
        try world.detectLive(at: [OutageFixture.end])
        let after = try world.incidents()
        #expect(after.allSatisfy { $0.status == .resolved })
        #expect(after == live)
    }

    /// Replaying to `cut` sees the same as replaying on a database that only holds the reports before `cut`;
    /// what a full replay decided before `cut` agrees with both.
    @Test(arguments: [Int64(12), 100])
    func reportsAfterATickDoNotChangeWhatWasDetectedBeforeIt(minutesIntoOutage: Int64) throws {
        let cut = OutageFixture.outageStart.adding(minutes: minutesIntoOutage)
        let full = try DetectionWorld("full.sqlite")
        let truncated = try DetectionWorld(
            "truncated.sqlite", reports: DetectionWorld.allReports.filter { $0.at < cut })

        try truncated.replay(from: OutageFixture.start, to: cut)
        let seenAtCut = try truncated.incidents()
        #expect(DetectionWorld.metaGlobal(seenAtCut).count == 3)

        try full.replay(from: OutageFixture.start, to: cut)
        expectSameIncidents(try full.incidents(), seenAtCut)
        #expect(try full.groupEvents() == (try truncated.groupEvents()))

        try full.replay(from: OutageFixture.start, to: OutageFixture.end)
        let seenLater = try full.incidents()
        let later = Dictionary(uniqueKeysWithValues: seenLater.map { ($0.id, $0) })
        for incident in seenAtCut {
            #expect(incident.detectedAt <= cut)
            let other = try #require(later[incident.id], "\(incident.id) disappeared when later reports arrived")
            #expect(other.detectedAt == incident.detectedAt, "\(incident.id)")
            #expect(other.startedAt == incident.startedAt, "\(incident.id)")
            #expect(other.level == incident.level, "\(incident.id)")
            if incident.status == .resolved { expectSameIncident(other, incident) }
        }
        let detectedBeforeCut = seenLater.filter { $0.detectedAt <= cut }.map(\.id)
        #expect(detectedBeforeCut == seenAtCut.map(\.id))
    }
}
