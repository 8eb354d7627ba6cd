import OutcryModel
import OutcryStore
import OutcryTestSupport
import Testing

/// Official sources, incidents and component states in SQLite.
@Suite(.timeLimit(.minutes(10))) struct OfficialStoreTests {
    let whatsapp = MonitoredService.fixture().slug
    let now = StatuspageFixtures.crowdOnset.adding(minutes: 60)

    func source(location: String = StatuspageFixtures.pageURL, component: String? = nil) -> OfficialSource {
        OfficialSource(service: whatsapp, location: location, component: component, addedAt: Instants.outageAfternoon)
    }

    func snapshot(
        _ text: String = StatuspageFixtures.incidentsJSON, summary: String? = StatuspageFixtures.summaryJSON
    ) throws
        -> OfficialSnapshot
    {
        try StatuspageDecoder.decode(summary: summary.map { Array($0.utf8) }, incidents: Array(text.utf8))
    }

    func linked() throws -> OutcryDatabase {
        let database = try OutcryDatabase.inMemory()
        #expect(try database.saveOfficialSource(source()) == .added)
        return database
    }

    @Test func savingIsIdempotentAndReplacing() throws {
        let database = try linked()
        #expect(try database.saveOfficialSource(source()) == .unchanged)
        #expect(try database.officialSources() == [source()])
        #expect(try database.saveOfficialSource(source(component: "Messaging")) == .replaced)
        #expect(try database.officialSource(service: whatsapp)?.component == "Messaging")
    }

    @Test func anUnknownServiceCannotBeLinked() throws {
        let database = try OutcryDatabase.inMemory()
        var other = source()
        other.service = MonitoredService.fixture("gmail").slug
        #expect(throws: StoreError.self) { try database.saveOfficialSource(other) }
    }

    @Test func changingTheComponentKeepsWhatWasReadButChangingThePageForgetsIt() throws {
        let database = try linked()
        _ = try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: now, nextAttemptAt: now)
        _ = try database.saveOfficialSource(source(component: "Messaging"))
        #expect(try database.officialIncidents(service: whatsapp).count == 3)
        #expect(try database.officialSource(service: whatsapp)?.lastSuccessAt == now)
        _ = try database.saveOfficialSource(source(location: "https://status.other.example"))
        #expect(try database.officialIncidents(service: whatsapp).isEmpty)
        #expect(try database.officialComponentStates(service: whatsapp).isEmpty)
        #expect(try database.officialSource(service: whatsapp)?.lastSuccessAt == nil)
    }

    @Test func aSnapshotIsStoredAndLaterOnesNeverDeleteIncidents() throws {
        let database = try linked()
        let first = try #require(
            try database.recordOfficialSnapshot(
                try snapshot(), service: whatsapp, at: now, nextAttemptAt: now.adding(minutes: 2))
        )
        #expect(first == OfficialSnapshotRecord(incidents: 3, newIncidents: 3, components: 3, componentChanges: 3))
        let source = try #require(try database.officialSource(service: whatsapp))
        #expect(
            source.lastSuccessAt == now && source.lastAttemptAt == now && source.nextAttemptAt == now.adding(minutes: 2)
        )

        let later = now.adding(minutes: 2)
        let second = try #require(
            try database.recordOfficialSnapshot(
                try snapshot(StatuspageFixtures.resolvedIncidentsJSON, summary: StatuspageFixtures.resolvedSummaryJSON),
                service: whatsapp, at: later, nextAttemptAt: later
            )
        )
        #expect(second == OfficialSnapshotRecord(incidents: 1, newIncidents: 0, components: 3, componentChanges: 2))
        let stored = try database.officialIncidents(service: whatsapp)
        #expect(
            stored.map(\.id) == ["z9y8x7w6v5u4", "k2j8d0s1a9f3", StatuspageFixtures.openIncidentID],
            "oldest first, none deleted")
        #expect(stored.last?.spanEnd == StatuspageFixtures.resolvedAt, "the open incident was updated")
        #expect(stored.last?.updates.first?.status == "resolved")
    }

    @Test func componentStatesAreAppendedOnlyWhenTheStatusChanges() throws {
        let database = try linked()
        for minute in [0, 2, 4] as [Int64] {
            let at = now.adding(minutes: minute)
            _ = try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: at, nextAttemptAt: at)
        }
        #expect(try database.officialComponentHistory(service: whatsapp).count == 3)
        let resolvedAt = now.adding(minutes: 6)
        _ = try database.recordOfficialSnapshot(
            try snapshot(summary: StatuspageFixtures.resolvedSummaryJSON), service: whatsapp, at: resolvedAt,
            nextAttemptAt: resolvedAt
        )
        let history = try database.officialComponentHistory(service: whatsapp)
        #expect(
            history.map(\.status) == [.partialOutage, .operational, .degradedPerformance, .operational, .operational])
        let latest = try database.officialComponentStates(service: whatsapp)
        #expect(latest.map(\.name) == ["Messaging", "Voice and Video Calls", "WhatsApp Web"])
        #expect(latest.map(\.status) == [.operational, .operational, .operational])
        #expect(latest[0].observedAt == resolvedAt)
        #expect(latest[1].observedAt == now, "unchanged since the first read")
    }

    @Test func anIncidentsOnlyReadLeavesComponentsAlone() throws {
        let database = try linked()
        let record = try database.recordOfficialSnapshot(
            try snapshot(summary: nil), service: whatsapp, at: now, nextAttemptAt: now)
        #expect(record?.components == 0 && record?.componentChanges == 0)
        #expect(try database.officialComponentHistory(service: whatsapp).isEmpty)
    }

    @Test func anOlderVersionNeverReplacesANewerOne() throws {
        let database = try linked()
        _ = try database.recordOfficialSnapshot(
            try snapshot(StatuspageFixtures.resolvedIncidentsJSON, summary: nil), service: whatsapp, at: now,
            nextAttemptAt: now
        )
        _ = try database.recordOfficialSnapshot(
            try snapshot(summary: nil), service: whatsapp, at: now, nextAttemptAt: now)
        let open = try database.officialIncidents(service: whatsapp).first {
            $0.id == StatuspageFixtures.openIncidentID
        }
        #expect(open?.status == "resolved", "a stale cache answering with the older version does not reopen it")
    }

    @Test func failuresCountUpAndKeepWhatWasStored() throws {
        let database = try linked()
        _ = try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: now, nextAttemptAt: now)
        for attempt in 1...3 {
            let at = now.adding(minutes: Int64(attempt))
            #expect(
                try database.recordOfficialFailure(
                    service: whatsapp, error: "HTTP 500", at: at, nextAttemptAt: at.adding(minutes: 4)))
            let source = try #require(try database.officialSource(service: whatsapp))
            #expect(source.consecutiveFailures == attempt)
            #expect(source.lastError == "HTTP 500" && source.lastAttemptAt == at && source.lastSuccessAt == now)
            #expect(source.nextAttemptAt == at.adding(minutes: 4))
        }
        #expect(try database.officialIncidents(service: whatsapp).count == 3)
        _ = try database.recordOfficialSnapshot(
            try snapshot(), service: whatsapp, at: now.adding(minutes: 9), nextAttemptAt: now)
        let source = try #require(try database.officialSource(service: whatsapp))
        #expect(source.consecutiveFailures == 0 && source.lastError == nil)
    }

    @Test func recordingForAServiceWithoutSourceDoesNothing() throws {
        let database = try OutcryDatabase.inMemory()
        #expect(
            try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: now, nextAttemptAt: now) == nil)
        #expect(try database.recordOfficialFailure(service: whatsapp, error: "x", at: now, nextAttemptAt: now) == false)
        #expect(try database.officialIncidents(service: whatsapp).isEmpty)
    }

    @Test func overlapSelectsBySpanWithOpenIncidentsExtendingToNow() throws {
        let database = try linked()
        _ = try database.recordOfficialSnapshot(
            try snapshot(summary: nil), service: whatsapp, at: now, nextAttemptAt: now)
        func ids(_ from: String, _ to: String) throws -> [String] {
            try database.officialIncidents(
                service: whatsapp, from: Timestamp(iso8601: from), to: Timestamp(iso8601: to)
            ).map(\.id)
        }
        #expect(
            try ids("2024-03-05T15:00:00Z", "2024-03-05T15:58:11Z").isEmpty, "ends before the open incident was posted")
        #expect(
            try ids("2024-03-05T15:00:00Z", "2024-03-05T15:58:12Z") == [StatuspageFixtures.openIncidentID],
            "touching counts")
        #expect(
            try ids("2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z") == [StatuspageFixtures.openIncidentID], "still open"
        )
        #expect(try ids("2024-03-01T10:05:00Z", "2024-03-01T11:00:00Z") == ["k2j8d0s1a9f3"], "touching its resolution")
        #expect(try ids("2024-03-01T10:05:01Z", "2024-03-01T11:00:00Z").isEmpty)
        #expect(try ids("2024-02-20T21:50:00Z", "2024-02-20T21:55:00Z") == ["z9y8x7w6v5u4"], "backdated start counts")
    }

    @Test func removingTheSourceOrTheServiceForgetsWhatWasRead() throws {
        let database = try linked()
        _ = try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: now, nextAttemptAt: now)
        #expect(try database.removeOfficialSource(service: whatsapp))
        #expect(try database.removeOfficialSource(service: whatsapp) == false)
        #expect(try database.officialIncidents(service: whatsapp).isEmpty)
        #expect(try database.officialComponentHistory(service: whatsapp).isEmpty)

        _ = try database.saveOfficialSource(source())
        _ = try database.recordOfficialSnapshot(try snapshot(), service: whatsapp, at: now, nextAttemptAt: now)
        try database.removeService(whatsapp, withReports: false)
        #expect(try database.officialSources().isEmpty)
        #expect(try database.officialIncidents(service: whatsapp).isEmpty, "cascaded with the service")
        #expect(try database.officialComponentHistory(service: whatsapp).isEmpty)
    }
}
