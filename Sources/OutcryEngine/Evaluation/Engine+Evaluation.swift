import Foundation
import Logging
import OutcryDetection
import OutcryModel
import OutcryStore

extension Engine {
    /// `outcry evaluate`: replays detection over the range into a scratch copy of the database, the same way
    /// `outcry detect --from --to` does, and scores the incidents it finds against labelled outage windows.
    ///
    /// The live database is only read: its incidents, detector state and services' sensitivities are untouched.
    /// The copy (SQLite `VACUUM INTO` a 0600 file in a fresh 0700 folder) is deleted afterwards, on error too.
    package func evaluate(_ request: EvaluationRequest) throws(EngineError) -> EvaluationReport {
        let percent = request.probationPercent
        guard percent.isFinite, percent >= 0, percent < 100 else {
            throw .invalidArgument(
                "the probation period must be at least 0% and below 100% of the range, not \(percent)%")
        }
        let (from, to) = try evaluationRange(request)
        let labels = try evaluationLabels(request.labels, from: from, to: to)
        let scratch = try ScratchCopy(of: self, in: request.scratchFolder)
        defer { scratch.remove() }
        let replayed = try scratch.replay(
            from: from, to: to, sensitivity: request.sensitivity, settings: request.settings)
        let scorer = EvaluationScorer(from: from, to: to, probationPercent: percent)
        let (total, services) = scorer.score(labels: labels, incidents: replayed.incidents)
        let scoredFrom = scorer.scoredFrom
        var sensitivities: [ServiceSlug: Sensitivity] = [:]
        for service in replayed.services where labels[service.slug] != nil {
            sensitivities[service.slug] = service.sensitivity
        }
        let outside = labels.values.joined().count(where: { $0.end < scoredFrom || $0.start > to })
        let source: String
        switch request.labels {
        case .file(let path): source = path
        case .official: source = "official"
        }
        return EvaluationReport(
            from: from, to: to, scoredFrom: scoredFrom, probationPercent: percent,
            sensitivityOverride: request.sensitivity,
            sensitivities: sensitivities, labelSource: source, total: total, services: services,
            windowsOutsideRange: outside
        )
    }

    /// The range asked for, each end defaulting to the stored reports' first minute and the minute after the last.
    private func evaluationRange(_ request: EvaluationRequest) throws(EngineError) -> (Timestamp, Timestamp) {
        var from = request.from
        var to = request.to
        if from == nil || to == nil {
            guard let stored = try store({ try $0.minuteRange() }) else {
                throw .invalidArgument("there are no stored reports to evaluate detection on; import some first")
            }
            from = from ?? Timestamp(seconds: stored.lowerBound * 60)
            to = to ?? Timestamp(seconds: (stored.upperBound + 1) * 60)
        }
        guard let from, let to, from.epochMinute < to.epochMinute else {
            throw .invalidArgument("the range to evaluate is empty: --from must be at least a minute before --to")
        }
        return (from, to)
    }

    /// The labelled windows, by service; every service named must be monitored.
    private func evaluationLabels(_ labels: EvaluationLabels, from: Timestamp, to: Timestamp) throws(EngineError)
        -> [ServiceSlug: [LabelWindow]]
    {
        let monitored = Set(try store { try $0.services() }.map(\.slug))
        switch labels {
        case .file(let path):
            let windows: [ServiceSlug: [LabelWindow]]
            do { windows = try WindowFile.read(path: path) } catch { throw .invalidArgument(error.description) }
            for slug in windows.keys.sorted() where !monitored.contains(slug) {
                throw .invalidArgument(
                    WindowFileError(
                        path: path, location: slug.rawValue,
                        reason: "service \"\(slug)\" is not monitored; name services that `outcry service list` shows"
                    ).description
                )
            }
            return windows
        case .official:
            let sources = try store { try $0.officialSources() }
            guard !sources.isEmpty else {
                throw .invalidArgument(
                    "no service is linked to an official status page, so --windows official has no labels; "
                        + "link one with: outcry official add SERVICE --statuspage URL (then outcry official sync)"
                )
            }
            var windows: [ServiceSlug: [LabelWindow]] = [:]
            for source in sources where monitored.contains(source.service) {
                let incidents = try store { try $0.officialIncidents(service: source.service, from: from, to: to) }
                windows[source.service] = incidents.compactMap { official in
                    if let component = source.component, !official.concerns(component: component) { return nil }
                    let start = official.spanStart
                    let end = max(official.spanEnd ?? to, start)
                    return LabelWindow(service: source.service, start: start, end: end)
                }
            }
            return windows
        }
    }
}
