import OutcryDetection
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct IncidentTests {
    private static let day8Noon = 7 * 1440 + 720

    @Test func anonymousFloodIsLabelledAndOpensNoIncident() throws {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<(7 * 1440 + 800)) { _ in 3 }
        for minute in IncidentTests.day8Noon..<(IncidentTests.day8Noon + 10) {
            feed.add(service: "chat", minute: minute, counted: 30, anonymous: 30)
        }
        var detector = Detector()
        var flagged = false
        let replay = feed.replay(&detector, to: 7 * 1440 + 800) { minute, detector in
            guard minute > IncidentTests.day8Noon, minute <= IncidentTests.day8Noon + 15 else { return }
            let status = detector.status(of: SeriesKey(service: SyntheticFeed.slug("chat"), region: .global))
            if status?.isPossibleFlood == true { flagged = true }
            #expect(status?.level == .normal)
        }
        #expect(flagged)
        #expect(replay.all.isEmpty)
    }

    @Test func oneReporterRepeatingIsLabelledAndOpensNoIncident() throws {
        var feed = SyntheticFeed()
        feed.addPoisson(service: "chat", minutes: 0..<(7 * 1440 + 800)) { _ in 3 }
        for minute in IncidentTests.day8Noon..<(IncidentTests.day8Noon + 20) {
            feed.add(service: "chat", minute: minute, counted: minute == IncidentTests.day8Noon ? 1 : 0, duplicates: 40)
        }
        var detector = Detector()
        var flagged = false
        let replay = feed.replay(&detector, to: 7 * 1440 + 800) { minute, detector in
            let status = detector.status(of: SeriesKey(service: SyntheticFeed.slug("chat"), region: .global))
            let isDuringFlood = minute > IncidentTests.day8Noon + 5 && minute <= IncidentTests.day8Noon + 20
            if isDuringFlood, status?.isPossibleFlood == true {
                flagged = true
            }
        }
        #expect(flagged)
        #expect(replay.all.isEmpty)
    }

    private func regionalFeed(outageRegions: Set<String>) -> SyntheticFeed {
        var feed = SyntheticFeed()
        for region in ["US", "DE", "FR"] {
            feed.addPoisson(service: "video", region: region, problem: .connection, minutes: 0..<(7 * 1440 + 1100)) {
                minute in
                let isOutage =
                    outageRegions.contains(region) && minute >= IncidentTests.day8Noon
                    && minute < IncidentTests.day8Noon + 60
                return isOutage ? 60 : 4
            }
            // During the outage, most reports are about logging in (the usual mix is all "connection").
            if outageRegions.contains(region) {
                feed.addPoisson(
                    service: "video", region: region, problem: .login,
                    minutes: IncidentTests.day8Noon..<(IncidentTests.day8Noon + 60)
                ) { _ in 120 }
            }
        }
        return feed
    }

    /// One outage, one incident: the service's global incident names the region and is scoped to it; the
    /// region, raised while that incident is open, opens no second incident of its own.
    @Test func regionalOutageOpensOneIncidentScopedToItsRegion() throws {
        var detector = Detector()
        let services = [MonitoredService(slug: SyntheticFeed.slug("video"), name: "VideoTube")]
        let feed = regionalFeed(outageRegions: ["US"])
        let replay = feed.replay(&detector, to: 7 * 1440 + 1100, step: 3, services: services)
        #expect(replay.regional("US").isEmpty, "the global incident covers the region")
        #expect(replay.regional("DE").isEmpty && replay.regional("FR").isEmpty)
        let global = try #require(replay.global.first)
        #expect(replay.global.count == 1)
        #expect(global.regions == [SyntheticFeed.region("US")])
        #expect(global.scope == .regional)
        #expect(global.status == .resolved)
        #expect(global.topProblems.first?.problem == .login)
        #expect(global.problemMixShift > 0.4)
        #expect(global.summary.hasPrefix("Unofficial: user reports indicated problems with VideoTube (login"))
        #expect(global.summary.contains(" in US "))
        // Onset walks back to the run-up; the peak and totals describe the whole episode.
        #expect(global.startedAt <= SyntheticFeed().time(IncidentTests.day8Noon + 2))
        #expect(global.startedAt >= SyntheticFeed().time(IncidentTests.day8Noon - 10))
        #expect(global.detectedAt > global.startedAt)
        #expect(global.peakReports > 1500 && global.baselineReports > 120 && global.baselineReports < 240)
        #expect(global.totalReports > 9000 && global.excessReports > 8000 && global.excessReports < global.totalReports)
        #expect(try #require(global.endedAt) > global.peakAt)
    }

    /// An outage seen first in one region, then everywhere, is one incident: the global incident takes over
    /// the region's (its id and detection time) instead of opening a second one beside it.
    @Test func anOutageThatSpreadsFromOneRegionIsOneIncidentThatWidens() throws {
        var feed = SyntheticFeed()
        let noon = IncidentTests.day8Noon
        for (region, usual) in [("US", 30.0), ("DE", 30.0), ("FR", 1.0)] {
            feed.addPoisson(service: "video", region: region, minutes: 0..<(noon + 600)) { minute in
                let start = region == "FR" ? noon : noon + 20
                return minute >= start && minute < noon + 80 ? usual * 12 : usual
            }
        }
        // Tick minute by minute, keeping the first state each incident was announced in.
        var detector = Detector()
        var replay = Replay()
        var firstSeen: [String: Incident] = [:]
        for offset in 1...(noon + 600) {
            let counts = feed.rows[feed.start + Int64(offset - 1)] ?? []
            let outcome = detector.tick(at: feed.time(offset), counts: counts, services: [])
            for incident in outcome.changedIncidents {
                if firstSeen[incident.id] == nil {
                    firstSeen[incident.id] = incident
                    replay.order.append(incident.id)
                }
                replay.incidents[incident.id] = incident
            }
        }
        #expect(replay.all.count == 1, "\(replay.all.map(\.id))")
        let incident = try #require(replay.all.first)
        #expect(incident.region.isGlobal)
        #expect(incident.id.hasPrefix("video/FR/"), "it keeps the id it was first announced with")
        #expect(incident.regions.contains(SyntheticFeed.region("FR")))
        #expect(incident.regions.contains(SyntheticFeed.region("US")))
        let first = try #require(firstSeen[incident.id])
        #expect(first.region == SyntheticFeed.region("FR"), "it was first announced as a regional incident")
        #expect(incident.detectedAt == first.detectedAt)
        #expect(incident.startedAt <= feed.time(noon + 1))
    }

    /// A regional outage that began more than the onset lookback before its service's global one is another
    /// event: it carries on under its own id, and the global incident opens beside it.
    @Test func aLongRunningRegionalIncidentIsNotTakenOver() throws {
        var feed = SyntheticFeed()
        let noon = IncidentTests.day8Noon
        for (region, usual) in [("US", 30.0), ("DE", 30.0), ("FR", 1.0)] {
            feed.addPoisson(service: "video", region: region, minutes: 0..<(noon + 600)) { minute in
                let start = region == "FR" ? noon - 180 : noon
                return minute >= start && minute < noon + 60 ? usual * 12 : usual
            }
        }
        var detector = Detector()
        let replay = feed.replay(&detector, to: noon + 600, step: 1)
        let france = replay.regional("FR")
        #expect(france.count == 1, "\(replay.all.map(\.id))")
        #expect(france.first?.id.hasPrefix("video/FR/") == true)
        #expect(replay.global.count == 1)
        #expect(replay.global.first?.id.hasPrefix("video/global/") == true)
    }

    @Test func outageInTwoRegionsIsMultiRegion() throws {
        var detector = Detector()
        let replay = regionalFeed(outageRegions: ["US", "DE"]).replay(&detector, to: 7 * 1440 + 1100, step: 3)
        let global = try #require(replay.global.first)
        #expect(global.scope == .multiRegion)
        #expect(global.regions == [SyntheticFeed.region("DE"), SyntheticFeed.region("US")])
    }

    static func metaFeed() -> SyntheticFeed {
        var feed = SyntheticFeed()
        for (index, service) in ["whatsapp", "instagram", "messenger"].enumerated() {
            let onset = day8Noon + [5, 0, 10][index]
            feed.addPoisson(service: service, minutes: 0..<(7 * 1440 + 1100)) { minute in
                minute >= onset && minute < onset + 60 ? 50 : 4
            }
        }
        return feed
    }

    static let metaServices = [
        MonitoredService(slug: SyntheticFeed.slug("whatsapp"), name: "WhatsApp", group: "meta"),
        MonitoredService(slug: SyntheticFeed.slug("instagram"), name: "Instagram", group: "meta"),
        MonitoredService(slug: SyntheticFeed.slug("messenger"), name: "Messenger", group: "meta"),
    ]

    @Test func servicesOfAGroupFailingTogetherMakeOneGroupEvent() throws {
        var detector = Detector()
        let replay = IncidentTests.metaFeed().replay(
            &detector, to: 7 * 1440 + 1100, step: 2, services: IncidentTests.metaServices)
        #expect(replay.global.count == 3)
        #expect(replay.groupEvents.count == 1)
        let event = try #require(replay.groupEvents.values.first)
        #expect(event.group == "meta")
        #expect(event.epicentre == SyntheticFeed.slug("instagram"))
        #expect(event.collateral == [SyntheticFeed.slug("messenger"), SyntheticFeed.slug("whatsapp")])
        #expect(Set(event.incidentIds) == Set(replay.global.map(\.id)))
        #expect(event.status == .resolved && event.endedAt != nil)
        #expect(event.summary.hasPrefix("Unofficial:") && event.summary.contains("Instagram looks like the epicentre"))
        #expect(event.label == Incident.unofficialLabel)
    }

    private func relapseFeed(gap: Int) -> SyntheticFeed {
        var feed = SyntheticFeed()
        let first = IncidentTests.day8Noon
        let second = first + 60 + gap
        feed.addPoisson(service: "cloud", minutes: 0..<(second + 300)) { minute in
            (minute >= first && minute < first + 60) || (minute >= second && minute < second + 60) ? 40 : 4
        }
        return feed
    }

    @Test func briefDipDoesNotSplitAnIncident() {
        var detector = Detector()
        let replay = relapseFeed(gap: 20).replay(&detector, to: IncidentTests.day8Noon + 440, step: 5)
        #expect(replay.global.count == 1)
        #expect(replay.global.first?.status == .resolved)
    }

    @Test func longQuietSpellSeparatesTwoIncidents() {
        var detector = Detector()
        let replay = relapseFeed(gap: 240).replay(&detector, to: IncidentTests.day8Noon + 660, step: 5)
        #expect(replay.global.count == 2)
        #expect(Set(replay.global.map(\.id)).count == 2)
    }

    @Test func everyIncidentIsLabelledUnofficial() {
        var detector = Detector()
        let replay = IncidentTests.metaFeed().replay(
            &detector, to: 7 * 1440 + 1100, step: 7, services: IncidentTests.metaServices)
        #expect(!replay.all.isEmpty)
        for incident in replay.all {
            #expect(incident.label == "unofficial")
            #expect(incident.summary.hasPrefix("Unofficial:"))
            #expect(incident.id.hasPrefix("\(incident.service)/\(incident.region)/2024"))
        }
    }
}
