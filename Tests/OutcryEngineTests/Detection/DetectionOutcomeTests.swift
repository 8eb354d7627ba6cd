import OutcryEngine
import OutcryModel
import OutcryTestSupport
import Testing

/// What a replay of the fixture finds: the Meta outage, soon after it starts, labelled unofficial; nothing else.
@Suite(.timeLimit(.minutes(10))) struct DetectionOutcomeTests {
    /// Every check reads the same replay.
    struct Replayed {
        let world: DetectionWorld
        let run: DetectionRun
        let incidents: [Incident]
        let groupEvents: [GroupEvent]

        init() throws {
            world = try DetectionWorld()
            run = try world.replay(from: OutageFixture.start, to: OutageFixture.end)
            incidents = try world.incidents()
            groupEvents = try world.groupEvents()
        }
    }

    @Test func detectedAtIsTheReplayedTickNeverTheWallClock() throws {
        let replayed = try Replayed()
        #expect(replayed.run.lastTick == OutageFixture.end)
        #expect(replayed.run.ticks == 3 * 1440)
        #expect(!replayed.incidents.isEmpty)
        for incident in replayed.incidents {
            #expect(incident.detectedAt != DetectionWorld.wallClock)
            #expect(incident.detectedAt.seconds % 60 == 0, "\(incident.id) detected between ticks")
            #expect(incident.detectedAt > OutageFixture.start && incident.detectedAt <= OutageFixture.end)
            #expect(incident.startedAt <= incident.detectedAt)
            #expect(incident.peakAt >= incident.detectedAt)
            if let endedAt = incident.endedAt { #expect(endedAt <= OutageFixture.end && endedAt > incident.startedAt) }
        }
    }

    @Test func everyIncidentAndGroupEventIsLabelledUnofficial() throws {
        let replayed = try Replayed()
        #expect(!replayed.incidents.isEmpty && !replayed.groupEvents.isEmpty)
        for incident in replayed.incidents {
            #expect(incident.label == "unofficial")
            #expect(incident.summary.hasPrefix("Unofficial:"), "\(incident.summary)")
        }
        for event in replayed.groupEvents {
            #expect(event.label == "unofficial")
            #expect(event.summary.hasPrefix("Unofficial:"), "\(event.summary)")
        }
    }

    @Test func outageOfEachMetaAppIsDetectedWithinFifteenMinutes() throws {
        let replayed = try Replayed()
        let outageStart = OutageFixture.outageStart
        let global = DetectionWorld.metaGlobal(replayed.incidents)
        #expect(global.map(\.service.rawValue).sorted() == OutageFixture.metaSlugs)
        for incident in global {
            #expect(incident.detectedAt > outageStart)
            #expect(incident.detectedAt <= outageStart.adding(minutes: 15), "\(incident.id) detected late")
            // The onset is placed at the run-up, not at the detection.
            #expect(
                incident.startedAt >= outageStart.adding(minutes: -15)
                    && incident.startedAt <= outageStart.adding(minutes: 5))
            #expect(incident.status == .resolved)
            let endedAt = try #require(incident.endedAt)
            #expect(endedAt >= outageStart.adding(minutes: 60))
            #expect(endedAt <= outageStart.adding(minutes: OutageFixture.outageMinutes + 30))
            #expect(incident.peakAt > outageStart && incident.peakAt < endedAt)
            #expect(incident.topProblems.first?.problem == .login)
            #expect(Set(incident.regions.map(\.code)) == ["DE", "US"])
            #expect(incident.scope == .multiRegion)
            #expect(incident.peakReports > 10 * Int(incident.baselineReports.rounded(.up)))
            #expect(incident.excessReports > 0 && incident.excessReports <= incident.totalReports)
            #expect(incident.summary.contains("indicated problems with"))
        }
    }

    @Test func quietDaysAndTheQuietServiceRaiseNothing() throws {
        let replayed = try Replayed()
        let early = replayed.incidents.filter { $0.startedAt < OutageFixture.outageStart.adding(minutes: -30) }
        #expect(early.isEmpty, "\(early.map(\.id))")
        #expect(replayed.incidents.filter { $0.service.rawValue == OutageFixture.quietSlug }.isEmpty)
    }

    @Test func threeDaysWithoutOutageRaiseNothing() throws {
        let world = try DetectionWorld(reports: OutageFixture.reports(withOutage: false))
        let run = try world.replay(from: OutageFixture.start, to: OutageFixture.end)
        #expect(run.ticks == 3 * 1440)
        #expect(try world.incidents().map(\.id) == [])
        #expect(try world.groupEvents().map(\.id) == [])
    }

    @Test func simultaneousOutageOfTheMetaAppsIsOneGroupEvent() throws {
        let replayed = try Replayed()
        #expect(replayed.groupEvents.count == 1)
        let event = try #require(replayed.groupEvents.first)
        let members = DetectionWorld.metaGlobal(replayed.incidents)
        #expect(event.group == "meta")
        #expect(event.services.map(\.rawValue) == OutageFixture.metaSlugs)
        #expect(event.services.contains(event.epicentre))
        #expect(Set(event.collateral) == Set(event.services).subtracting([event.epicentre]))
        #expect(event.incidentIds == members.map(\.id).sorted())
        #expect(event.status == .resolved)
        #expect(event.startedAt == members.map(\.startedAt).min())
        #expect(event.endedAt == members.compactMap(\.endedAt).max())
        for name in ["WhatsApp", "Instagram", "Messenger", "(meta)"] {
            #expect(event.summary.contains(name), "\(event.summary)")
        }
        #expect(!event.summary.contains("Gmail"))
    }
}
