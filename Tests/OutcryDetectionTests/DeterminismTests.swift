import Foundation
import OutcryDetection
import OutcryModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct DeterminismTests {
    private static let end = 7 * 1440 + 1100

    @Test(arguments: [7, 60, DeterminismTests.end])
    func oneLongTickEqualsManyMinuteTicks(step: Int) {
        let feed = IncidentTests.metaFeed()
        var minuteByMinute = Detector()
        let reference = feed.replay(&minuteByMinute, to: DeterminismTests.end, services: IncidentTests.metaServices)
        var batched = Detector()
        let other = feed.replay(&batched, to: DeterminismTests.end, step: step, services: IncidentTests.metaServices)
        #expect(reference.incidents.count >= 3)
        #expect(Set(reference.incidents.keys) == Set(other.incidents.keys))
        for (id, incident) in reference.incidents {
            #expect(other.incidents[id] == incident)
        }
        #expect(reference.groupEvents == other.groupEvents)
        #expect(minuteByMinute.statuses() == batched.statuses())
    }

    @Test func decisionsBeforeACutDoNotDependOnLaterData() {
        let full = IncidentTests.metaFeed()
        let cut = 7 * 1440 + 735  // mid-outage
        var truncated = full
        truncated.rows = full.rows.filter { $0.key < full.start + Int64(cut) }
        var fullDetector = Detector()
        var cutDetector = Detector()
        var fullStatuses: [SeriesStatus] = []
        let fullReplay = full.replay(&fullDetector, to: DeterminismTests.end) { minute, detector in
            if minute == cut { fullStatuses = detector.statuses() }
        }
        let cutReplay = truncated.replay(&cutDetector, to: cut)
        #expect(!cutReplay.incidents.isEmpty)
        #expect(cutDetector.statuses() == fullStatuses)
        for (id, incident) in cutReplay.incidents {
            let later = fullReplay.incidents[id]
            #expect(later?.detectedAt == incident.detectedAt)
            #expect(later?.startedAt == incident.startedAt)
            #expect(later?.evidence == incident.evidence)
        }
        let detectedBeforeCut = fullReplay.all.filter { $0.detectedAt <= full.time(cut) }.map(\.id)
        #expect(Set(detectedBeforeCut) == Set(cutReplay.incidents.keys))
    }

    @Test func codableRoundTripMidIncidentContinuesIdentically() throws {
        let feed = IncidentTests.metaFeed()
        let cut = 7 * 1440 + 740
        var original = Detector()
        _ = feed.replay(&original, to: cut, services: IncidentTests.metaServices)
        #expect(!original.openIncidents.isEmpty)
        let data = try JSONEncoder().encode(original)
        var restored = try JSONDecoder().decode(Detector.self, from: data)
        #expect(restored.lastTick == original.lastTick)
        #expect(restored.openIncidents == original.openIncidents)
        let services = IncidentTests.metaServices
        let continued = feed.replay(&original, from: cut, to: DeterminismTests.end, services: services)
        let resumed = feed.replay(&restored, from: cut, to: DeterminismTests.end, services: services)
        #expect(!continued.incidents.isEmpty)
        #expect(continued.incidents == resumed.incidents)
        #expect(continued.groupEvents == resumed.groupEvents)
        #expect(original.statuses() == restored.statuses())
    }

    @Test func settingsDecodeWithDefaultsForMissingKeys() throws {
        let decoded = try JSONDecoder().decode(DetectorSettings.self, from: Data(#"{"minimum_reporters": 3}"#.utf8))
        var expected = DetectorSettings()
        expected.minimumReporters = 3
        #expect(decoded == expected)
    }
}
